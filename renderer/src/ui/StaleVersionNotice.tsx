import type { TFunction } from 'i18next';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { changedKeys, type EditValues, type StaleCurrent } from '../../../shared/contract/concurrent-edits';
import type { ApiIssue } from '../../../shared/contract/errors';
import { formatQuantity, formatYuan } from '../../../shared/domain/money';
import { formatDateTime } from './format';

/** What the notice calls the record: `concurrentEdits.things.<thing>`. */
export type StaleThing = 'customer' | 'part' | 'repairOrder';

type StaleIssue = ApiIssue & { current: StaleCurrent };

/** The refusal of a save from a stale version that carries the record as stored now, if `issues` hold one. */
export function findStale(issues: ApiIssue[]): StaleIssue | undefined {
  return issues.find((issue): issue is StaleIssue => issue.reason === 'staleVersion' && issue.current !== undefined);
}

/** The catalogue that names each value of an enum field (as the forms' selects name them). */
const ENUM_CATALOGUES: Record<string, string> = {
  kind: 'customer',
  preferredContact: 'channels',
  unit: 'parts.units',
  taxClass: 'parts.taxClasses',
  status: 'ro.statuses',
  payer: 'ro.payers',
  workCategory: 'ro.workCategories',
  concernGroup: 'catalog.groups',
};

/** `jobs.2.cause` -> job 2 and `cause`; `name` -> no job and `name`. */
function splitKey(key: string): { job?: string; field: string } {
  const match = /^jobs\.(\d+)\.(.+)$/.exec(key);
  return match ? { job: match[1]!, field: match[2]! } : { field: key };
}

function labelOf(t: TFunction, key: string): string {
  const { job, field } = splitKey(key);
  const label = t(`fields.${field}`, { defaultValue: t(`concurrentEdits.fields.${field}`, { defaultValue: field }) });
  return job ? t('concurrentEdits.jobField', { n: job, field: label }) : label;
}

function valueText(t: TFunction, language: string, key: string, value: EditValues[string] | undefined): string {
  const { field } = splitKey(key);
  if (value === null || value === undefined || value === '') return t('concurrentEdits.empty');
  if (typeof value === 'boolean') return t(value ? 'concurrentEdits.yes' : 'concurrentEdits.no');
  if (typeof value === 'number') {
    if (field.endsWith('Fen')) return `¥${formatYuan(value, language)}`;
    if (field.endsWith('Milli')) return formatQuantity(value);
    return String(value);
  }
  if (field === 'promisedAt') return formatDateTime(value);
  const catalogue = ENUM_CATALOGUES[field];
  return catalogue ? t(`${catalogue}.${value}`, { defaultValue: value }) : value;
}

/**
 * Another desk saved this record after this desk loaded it: who and when, each field they changed (what this desk
 * loaded -> what is stored now), and that nothing of this desk's save was written. The person either reloads their
 * version or, having seen it, saves over it on purpose (never silently).
 */
export function StaleVersionNotice(props: {
  thing: StaleThing;
  current: StaleCurrent;
  /** The form's guard: what it was opened with, and where an informed overwrite moves it. */
  guard: StaleGuard;
  busy?: boolean;
  onReload: () => void;
  /** Sends the form again (the guard has moved on to the version shown). */
  onSave: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { current } = props;
  const loaded = props.guard.loaded();
  const changed = changedKeys(loaded, current.values);
  const thing = t(`concurrentEdits.things.${props.thing}`);
  const time = formatDateTime(current.updatedAt);
  return (
    <div className="banner banner-error field-wide stale-notice" role="alert" data-stale-version={current.version}>
      <p>
        <strong>
          {current.updatedBy
            ? t('concurrentEdits.savedBy', { thing, time, name: current.updatedBy })
            : t('concurrentEdits.saved', { thing, time })}
        </strong>
      </p>
      {changed.length > 0 ? (
        <ul className="stale-changes">
          {changed.map((key) => (
            <li key={key} data-changed-field={key}>
              {t('concurrentEdits.change', {
                field: labelOf(t, key),
                from: valueText(t, i18n.language, key, loaded[key]),
                to: valueText(t, i18n.language, key, current.values[key]),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('concurrentEdits.noFieldChanged')}</p>
      )}
      <p>{t('concurrentEdits.notSaved')}</p>
      <div className="form-actions">
        <button type="button" onClick={props.onReload} disabled={props.busy}>
          {t('concurrentEdits.reload')}
        </button>
        <button
          type="button"
          onClick={() => {
            props.guard.overwrite(current);
            props.onSave();
          }}
          disabled={props.busy}
        >
          {t('concurrentEdits.overwrite')}
        </button>
      </div>
    </div>
  );
}

/**
 * The version an edit form saves from, held from the moment the form opened: a refresh after another desk's save
 * must not move it (the save would then overwrite theirs unseen). Only an informed overwrite moves it on, to the
 * version the notice showed; the notice then compares against what it showed.
 */
export type StaleGuard = ReturnType<typeof useStaleGuard>;

export function useStaleGuard(opened: { version: number; loaded: EditValues } | undefined) {
  const base = useRef(opened);
  return {
    version: (): number | undefined => base.current?.version,
    loaded: (): EditValues => base.current?.loaded ?? {},
    /** Saves over `current` next: the person has seen what it holds. */
    overwrite: (current: StaleCurrent): void => {
      base.current = { version: current.version, loaded: current.values };
    },
  };
}

/** What a form's footer still shows once the stale-version notice says it. */
export function withoutStale(issues: ApiIssue[]): ApiIssue[] {
  return findStale(issues) ? issues.filter((issue) => issue.reason !== 'staleVersion') : issues;
}
