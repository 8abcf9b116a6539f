import { describe, expect, it } from 'vitest';
import { readFieldKind, type FieldTexts } from '@/lib/checkout/field-kind';
import { checkConfirmation, checkValue } from '@/lib/checkout/validate';

describe('readFieldKind', () => {
  it.each<[string, FieldTexts, string, boolean?]>([
    // the label decides
    ['dujiaoka other_ipu QQ账号', { label: 'QQ账号', name: 'qq_account' }, 'qq'],
    ['彩虹 full-width 下单ＱＱ', { label: '下单ＱＱ', name: 'inputvalue' }, 'qq'],
    ['彩虹 ＱＱ账号', { label: 'ＱＱ账号', name: 'inputvalue' }, 'qq'],
    ['acg-faka QQ号', { label: 'QQ号', name: 'contact' }, 'qq'],
    ['下单QQ', { label: '下单QQ' }, 'qq'],
    ['手机号', { label: '手机号', name: 'mobile' }, 'phone'],
    ['联系手机 with type tel', { label: '联系手机', type: 'tel' }, 'phone'],
    ['邮箱', { label: '邮箱', name: 'email', type: 'email' }, 'email'],
    ['QQ邮箱 is an e-mail field', { label: 'QQ邮箱' }, 'email'],
    ['luna double-escaped label', { label: '邮&nbsp;&nbsp;&nbsp;箱', name: 'email' }, 'email'],
    ['游戏账号', { label: '游戏账号' }, 'game_account'],
    ['角色ID', { label: '角色ID' }, 'game_account'],
    ['原神UID', { label: '原神UID' }, 'game_account'],
    ['充值账号', { label: '充值账号' }, 'recharge_account'],
    ['充值账号 whose placeholder names a QQ number', { label: '充值账号', placeholder: '请输入要充值的QQ号' }, 'qq'],
    ['QQ号或手机号 takes either', { label: 'QQ号或手机号' }, 'contact'],
    ['联系方式', { label: '联系方式', name: 'contact' }, 'contact'],
    [
      'qs-faka 联系方式 limited to QQ by its placeholder',
      { label: '联系方式', placeholder: '[必填]请填写您的QQ号!' },
      'qq',
    ],
    ['qs-faka 联系方式, any', { label: '联系方式', placeholder: '[必填]推荐填写QQ号或手机号!' }, 'contact'],
    ['彩虹 default 下单账号', { label: '下单账号', name: 'inputvalue' }, 'account'],
    ['no label: placeholder', { placeholder: '请输入您的QQ号' }, 'qq'],
    ['no label, no placeholder: name', { name: 'mobile' }, 'phone'],
    ['ZFAKA QQ input type=number', { label: 'QQ：', name: 'qq', type: 'number' }, 'qq'],
    ['type=email alone', { type: 'email' }, 'email'],
    ['confirmation label', { label: '确认QQ号' }, 'qq', true],
    ['再次输入 placeholder without label', { placeholder: '请再次输入手机号' }, 'phone', true],
  ])('%s', (_name, texts, kind, confirm = false) => {
    expect(readFieldKind(texts)).toEqual({ kind, confirm });
  });

  it.each<[string, FieldTexts]>([
    ['订单查询密码', { label: '订单查询密码', name: 'search_pwd' }],
    ['查询密码 whose placeholder mentions QQ', { label: '查询密码', placeholder: '建议用QQ号' }],
    ['优惠码', { label: '优惠码', name: 'coupon_code' }],
    ['图形验证码', { label: '图形验证码', name: 'img_verify_code' }],
    ['购买数量', { label: '购买数量', name: 'by_amount', type: 'number' }],
    ['订单号', { label: '订单号', name: 'order_sn' }],
    ['彩虹 查单 box named qq', { name: 'qq', placeholder: '请输入要查询的内容（留空则显示最新订单）' }],
    ['no label, machine name of a search box', { name: 'keywords' }],
    ['备注', { label: '备注' }],
    ['a password box', { label: 'QQ密码', type: 'password' }],
    ['a checkbox', { label: 'QQ', type: 'checkbox' }],
    ['商品名称 search', { placeholder: '商品名称...' }],
    ['nothing known', { label: '附言' }],
  ])('%s is no recipient field', (_name, texts) => {
    expect(readFieldKind(texts)).toBeUndefined();
  });
});

describe('checkValue', () => {
  it.each<[string, Parameters<typeof checkValue>[0], string]>([
    ['a 5-digit QQ', 'qq', '10001'],
    ['a 10-digit QQ', 'qq', '2900112233'],
    ['a QQ with spaces around', 'qq', '  123456789 '],
    ['a mobile number', 'phone', '13812345678'],
    ['a mobile number written +86 138-1234-5678', 'phone', '+86 138-1234-5678'],
    ['an e-mail', 'email', 'buyer@example.com'],
    ['a QQ mailbox', 'email', '123456789@qq.com'],
    ['contact: QQ', 'contact', '123456789'],
    ['contact: phone', 'contact', '13912345678'],
    ['contact: e-mail', 'contact', 'a.b@163.com'],
    ['contact: a WeChat id', 'contact', 'wxid_abc123'],
    ['game account', 'game_account', '188234567'],
    ['empty', 'qq', ''],
  ])('%s: no problem', (_name, kind, value) => {
    expect(checkValue(kind, value)).toBeUndefined();
  });

  it.each<[string, Parameters<typeof checkValue>[0], string, string]>([
    ['a QQ with a letter', 'qq', '12345a78', 'qq_not_digits'],
    ['a QQ with a leading 0', 'qq', '0123456', 'qq_leading_zero'],
    ['a QQ with 4 digits', 'qq', '1234', 'qq_length'],
    ['a QQ with 12 digits', 'qq', '123456789012', 'qq_length'],
    ['a phone number in a QQ field', 'qq', '13812345678', 'looks_like_phone'],
    ['a phone number with spaces in a QQ field', 'qq', '138 1234 5678', 'looks_like_phone'],
    ['an e-mail in a QQ field', 'qq', '123456@qq.com', 'looks_like_email'],
    ['a phone with 10 digits', 'phone', '1381234567', 'looks_like_qq'],
    ['a phone with 12 digits', 'phone', '138123456789', 'phone_length'],
    ['a phone starting 12', 'phone', '12812345678', 'phone_prefix'],
    ['a phone with letters', 'phone', '138l2345678', 'phone_not_digits'],
    ['an e-mail in a phone field', 'phone', 'a@b.com', 'looks_like_email'],
    ['an e-mail without a domain', 'email', 'buyer@', 'email_shape'],
    ['an e-mail without a dot', 'email', 'buyer@qqcom', 'email_domain_typo'],
    ['qq.con', 'email', '123456@qq.con', 'email_domain_typo'],
    ['163.cm', 'email', 'abc@163.cm', 'email_domain_typo'],
    ['@qq.com with a number that is no QQ', 'email', '0123@qq.com', 'qq_mail_local'],
    ['@qq.com with letters', 'email', 'lucky.cat@qq.com', 'qq_mail_alias'],
    ['contact digits of neither shape', 'contact', '1234', 'contact_shape'],
    ['an account with a space inside', 'game_account', 'abc 123', 'has_spaces'],
    ['full-width digits', 'qq', '１２３４５６７８', 'full_width'],
  ])('%s: %s', (_name, kind, value, code) => {
    expect(checkValue(kind, value)?.code).toBe(code);
  });

  it('says how sure it is: a phone-shaped QQ may be a QQ number, a 4-digit one cannot be', () => {
    expect(checkValue('qq', '13812345678')?.severity).toBe('check');
    expect(checkValue('qq', '1234')?.severity).toBe('warn');
    expect(checkValue('email', 'lucky.cat@qq.com')?.severity).toBe('check');
  });
});

describe('checkConfirmation', () => {
  it('flags a repeat that differs, not one that matches or is still empty', () => {
    expect(checkConfirmation('123456789', '123456788')?.code).toBe('confirm_mismatch');
    expect(checkConfirmation('123456789', ' 123456789 ')).toBeUndefined();
    expect(checkConfirmation('123456789', '')).toBeUndefined();
    expect(checkConfirmation('', '1')).toBeUndefined();
  });
});
