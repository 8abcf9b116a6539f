/**
 * The product-title term reader on titles as card shops write them. Each row: the title, then the terms it must
 * yield as "kind:words" (duration also with its days, promise with its minutes), in the panel's order.
 */
import { describe, expect, it } from 'vitest';
import { readNotes, readPromise, readTitleTerms, type Term } from '@/lib/checkout/title-terms';

const show = (t: Term): string =>
  t.kind === 'duration' || t.kind === 'promise' ? `${t.kind}:${t.text}=${t.value}` : `${t.kind}:${t.text}`;

const TITLES: [string, string[]][] = [
  ['腾讯视频VIP会员 月卡 代充', ['duration:月卡=30', 'topup:代充']],
  ['腾讯视频VIP 季卡 官方直充 自动到账', ['duration:季卡=90', 'topup:直充', 'delivery_auto:自动到账']],
  ['爱奇艺黄金会员 年卡 激活码 自动发货', ['duration:年卡=365', 'card_key:激活码', 'delivery_auto:自动发货']],
  ['优酷VIP 半年卡 卡密 秒发', ['duration:半年卡=180', 'card_key:卡密', 'delivery_auto:秒发']],
  ['QQ超级会员 1个月 代充 24小时内到账', ['duration:1个月=30', 'topup:代充', 'promise:24小时内到账=1440']],
  ['QQ会员 7天 体验卡', ['duration:7天=7']],
  ['QQ音乐 豪华绿钻 3个月 卡密', ['duration:3个月=90', 'card_key:卡密']],
  ['网易云音乐 黑胶VIP 12个月 直充', ['duration:12个月=365', 'topup:直充']],
  ['哔哩哔哩大会员 年度 代充 人工充值', ['duration:年度=365', 'topup:代充', 'delivery_manual:人工充值']],
  ['芒果TV会员 31天 兑换码', ['duration:31天=31', 'card_key:兑换码']],
  ['百度网盘 超级会员 两个月 代开', ['duration:两个月=60', 'topup:代开']],
  ['迅雷 白金会员 十五天 CDK', ['duration:十五天=15', 'card_key:CDK']],
  ['WPS 超级会员 包年 激活码', ['duration:包年=365', 'card_key:激活码']],
  ['喜马拉雅 VIP 包月 自动充值', ['duration:包月=30', 'delivery_auto:自动充值']],
  ['王者荣耀 点券 60 代充 仅限安卓QQ区', ['topup:代充', 'platform:仅限安卓', 'region:仅限安卓QQ区']],
  ['和平精英 UC 660 苹果区 人工代充', ['topup:代充', 'platform:苹果区', 'delivery_manual:人工代充']],
  ['原神 创世结晶 6480 官方代充 仅限官服', ['topup:代充', 'region:仅限官服']],
  ['崩坏：星穹铁道 月卡 代充（国服官服）', ['duration:月卡=30', 'topup:代充', 'region:国服']],
  [
    '英雄联盟 点券 指定区服 人工处理 1-12小时到账',
    ['region:指定区服', 'delivery_manual:人工处理', 'promise:1-12小时到账=720'],
  ],
  ['Steam 钱包充值卡 50元 国区 CDK', ['card_key:充值卡', 'region:国区']],
  ['Apple ID 美区 礼品卡 $10 卡密', ['card_key:礼品卡', 'region:美区']],
  ['Google Play 礼品卡 美区 25美元 兑换码', ['card_key:礼品卡', 'region:美区']],
  ['Netflix 奈飞 4K 高级版 月卡 上号充值', ['duration:月卡=30', 'needs_login:上号']],
  [
    'Spotify Premium 个人版 12个月 需账号密码 人工',
    ['duration:12个月=365', 'delivery_manual:人工', 'needs_login:需账号密码'],
  ],
  [
    'ChatGPT Plus 月卡 代充 提供账号密码 不退不换',
    ['duration:月卡=30', 'topup:代充', 'no_refund:不退不换', 'needs_login:提供账号密码'],
  ],
  [
    'YouTube Premium 家庭组 1年 自动发货 售出不退',
    ['duration:1年=365', 'delivery_auto:自动发货', 'no_refund:售出不退'],
  ],
  ['Discord Nitro 1个月 激活链接 秒到', ['duration:1个月=30', 'delivery_auto:秒到']],
  ['迷你世界 迷你币 1000 安卓专用 自动充值', ['platform:安卓专用', 'delivery_auto:自动充值']],
  ['我的世界 网易版 钻石 双端通用 代充', ['topup:代充', 'platform:双端通用']],
  ['光遇 蜡烛 代充 iOS 端 需上号', ['topup:代充', 'platform:iOS', 'needs_login:上号']],
  [
    '阴阳师 勾玉 指定区服 手工发货 24小时内发货',
    ['region:指定区服', 'delivery_manual:手工发货', 'promise:24小时内发货=1440'],
  ],
  [
    '穿越火线 CF点 港服 充值卡 5分钟内自动发货',
    ['card_key:充值卡', 'region:港服', 'delivery_auto:自动发货', 'promise:5分钟内自动发货=5'],
  ],
  ['永劫无间 金块 国际服 代充 3天内到账', ['topup:代充', 'region:国际服', 'promise:3天内到账=4320']],
  ['移动话费 100元 快充 代充 30分钟到账', ['topup:代充', 'promise:30分钟到账=30']],
  ['联通话费 50元 慢充 72小时内到账', ['promise:72小时内到账=4320']],
  ['京东E卡 100面值 卡密 自动发卡', ['card_key:卡密', 'delivery_auto:自动发卡']],
  ['星巴克 中杯 兑换券 电子券 自动发货', ['delivery_auto:自动发货']],
  ['Office 365 家庭版 一年 激活码 7天无理由', ['duration:一年=365', 'card_key:激活码']],
  ['腾讯视频 超级影视VIP 连续包月 首月特惠 代开', ['duration:包月=30', 'topup:代开']],
  ['2026年新版 QQ音乐 豪华绿钻 11个月', ['duration:11个月=330']],
  ['酷狗音乐 概念版 VIP 一周 体验', ['duration:一周=7']],
  ['人工智能 写作助手 会员 月卡 自动发货', ['duration:月卡=30', 'delivery_auto:自动发货']],
  ['虎牙 虎粮 1000 代刷 在线发货', ['delivery_manual:在线发货']],
  ['B站 漫画 通用券 30天 人工 2小时内处理', ['duration:30天=30', 'delivery_manual:人工', 'promise:2小时内处理=120']],
  ['某某网盘 SVIP 日卡', ['duration:日卡=1']],
];

describe('readTitleTerms', () => {
  it('has a table of at least 40 titles', () => {
    expect(TITLES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(TITLES)('%s', (title, expected) => {
    expect(readTitleTerms(title).map(show)).toEqual(expected);
  });

  it('reads nothing from a title without terms', () => {
    expect(readTitleTerms('商品 A')).toEqual([]);
  });

  it('reads only the first 300 characters of a very long heading', () => {
    expect(readTitleTerms(`${'很长的标题'.repeat(100)} 月卡`)).toEqual([]);
  });
});

describe('readPromise', () => {
  it('takes the longest promise of a text, as order pages do, and ignores payment limits', () => {
    expect(readPromise('一般 10-30分钟到账，最迟 6小时内到账。请在5分钟内完成支付。')).toMatchObject({
      text: '6小时内到账',
      value: 360,
    });
    expect(readPromise('请在5分钟内完成支付')).toBeUndefined();
  });
});

describe('readNotes', () => {
  it("takes the delivery mode from the product's own badge, not from a shop-wide notice", () => {
    expect(
      readNotes('公告：本站所有商品付款后自动发货。 移动话费 100元 商品单价 ¥98.50', ['手动发货']).map(show),
    ).toEqual(['delivery_manual:手动发货']);
    expect(readNotes('本站所有商品付款后自动发货').map(show)).toEqual([]);
    expect(readNotes('', ['发货类型：自动发货']).map(show)).toEqual(['delivery_auto:自动发货']);
  });

  it('reads 上号 and 不退不换 from the text around the product, but no durations or prices', () => {
    expect(readNotes('代充需要登录您的游戏账号，30天 售价 ￥30 不退不换').map(show)).toEqual([
      'no_refund:不退不换',
      'needs_login:需要登录您的游戏账号',
    ]);
  });
});
