import { useState } from 'react';
import type { EventRecord, EvidenceRecord, OrderRecord } from '@/lib/db';
import { buildDraft, channelMeta, draftChannels, type Draft, type DraftChannel, type DraftInput } from '@/lib/drafts';
import type { ClockState } from '@/lib/escalation';
import { t } from '@/lib/i18n';
import type { OrderAction } from '@/lib/messaging/schemas';
import { uiLocale } from '@/lib/ui-locale';
import { act } from '../act';

interface Props {
  order: OrderRecord & { id: number };
  clock: ClockState;
  events: EventRecord[];
  evidence: EvidenceRecord[];
  shop?: DraftInput['shop'];
  now: number;
}

/** What copying a channel's draft lets the user confirm next on the ladder. */
function followUp(channel: DraftChannel): OrderAction {
  const meta = channelMeta(channel);
  if (meta.step === 'contact_support') return { type: 'user_action', action: 'contacted_support', detail: channel };
  // The ladder reads the step from the detail: payment_complaint or regulator_complaint.
  return { type: 'user_action', action: 'complained', detail: meta.step };
}

/** The channels, the step the clock says is current first. */
function orderedChannels(current: ClockState['currentStep']): DraftChannel[] {
  const all = draftChannels();
  return [...all.filter((c) => channelMeta(c).step === current), ...all.filter((c) => channelMeta(c).step !== current)];
}

/** A button per complaint channel: one click copies its draft; "edit" opens an editable preview first. */
export function DraftsPanel({ order, clock, events, evidence, shop, now }: Props): React.JSX.Element {
  const locale = uiLocale();
  const [open, setOpen] = useState<DraftChannel>();
  const [text, setText] = useState('');
  const [copied, setCopied] = useState<DraftChannel>();
  const [error, setError] = useState('');
  const draft = (channel: DraftChannel): Draft =>
    buildDraft(channel, {
      order,
      events,
      evidence,
      shop,
      now,
      locale,
      clock: clock.started
        ? { elapsedMs: clock.elapsedMs, windowMs: clock.windowMs, overdue: clock.overdue }
        : undefined,
    });

  const copy = async (channel: DraftChannel, body: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(body);
    } catch {
      return setError(t('drafts_copy_failed'));
    }
    setError('');
    setCopied(channel);
    await act(order.id, { type: 'draft_copied', channel });
  };
  const preview = open ? draft(open) : undefined;

  return (
    <section className="drafts" data-testid="drafts">
      <h3>{t('drafts_title')}</h3>
      <ul className="channel-list">
        {orderedChannels(clock.currentStep).map((c) => (
          <li key={c} className="channel" data-channel={c}>
            <span className="channel-name">{channelMeta(c).label[locale]}</span>
            <button
              type="button"
              className="small primary"
              data-testid={`copy-${c}`}
              onClick={() => void copy(c, draft(c).body)}
            >
              {t('drafts_copy')}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setOpen(open === c ? undefined : c);
                setText(draft(c).body);
              }}
            >
              {t('drafts_edit')}
            </button>
            {copied === c && (
              <span className="copied" data-testid="copied">
                {t('drafts_copied')}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => void act(order.id, followUp(c)).then(() => setCopied(undefined))}
                >
                  {t(channelMeta(c).step === 'contact_support' ? 'drafts_mark_contacted' : 'drafts_mark_complained')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
      {preview && open && (
        <div className="draft-preview" data-testid="draft-preview">
          {preview.title && <p className="draft-title">{preview.title}</p>}
          {preview.path && <p className="muted">{t('drafts_path', preview.path)}</p>}
          {preview.reason && <p className="muted">{t('drafts_reason', preview.reason)}</p>}
          <textarea
            value={text}
            rows={10}
            onChange={(e) => setText(e.target.value)}
            aria-label={channelMeta(open).label[locale]}
          />
          <div className="row">
            <span className={preview.limit && text.length > preview.limit ? 'error' : 'muted'}>
              {preview.limit ? `${text.length} / ${preview.limit}` : String(text.length)}
            </span>
            <button type="button" className="small primary" onClick={() => void copy(open, text)}>
              {t('drafts_copy')}
            </button>
          </div>
          {preview.tips?.map((tip) => (
            <p key={tip} className="muted tip">
              {tip}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
