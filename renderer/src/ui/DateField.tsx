import {
  forwardRef,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { createPortal } from 'react-dom';
import { DayPicker } from 'react-day-picker';
import { enUS, zhCN } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import { useTranslation } from 'react-i18next';
import { deskDay } from '../../../shared/domain/desk-time';
import { dateAsDay, dayAsDate, parseDayText, parseDayTimeText, parseTimeText, showValue } from './date-text';
import './date-field.css';

/**
 * What a date field hands its `onChange`: the shape of an input's change event, so react-hook-form's `register`
 * and a plain `(event) => set(event.target.value)` both read it.
 */
export interface DateChange {
  type: 'change';
  target: { name: string; type: 'text'; value: string };
}

export interface DateFieldProps {
  name?: string;
  /** For a field held by the screen (filters); a field registered with react-hook-form leaves it out. */
  value?: string;
  onChange?: (event: DateChange) => void;
  onBlur?: (event: { type: 'blur'; target: DateChange['target'] }) => void;
  disabled?: boolean;
  autoFocus?: boolean;
  'aria-invalid'?: boolean;
  'aria-label'?: string;
  title?: string;
}

/** What react-hook-form holds as the field's element: it reads and writes `value` and focuses it on an error. */
interface FieldHandle {
  name: string;
  type: 'text';
  get value(): string;
  set value(value: string | null);
  focus: () => void;
}

type Kind = 'day' | 'dayTime';

const FALLBACK_TIME = '09:00';

/**
 * The one date and date-and-time field of BayDesk: typed (2026-12-07, 2026-12-07 14:30, 24-hour) or picked on a
 * calendar (react-day-picker) in the desk's language, never the browser's. It holds the same string the native
 * inputs did ("2026-12-07", "2026-12-07T14:30"), so forms and contracts are unchanged. Spread `form.register(name)`
 * into it, or give it `value` and `onChange`. Text that is not a day yet stays on screen and reaches the form when the
 * field is left, for the form's own rule to refuse.
 */
const PickerField = forwardRef<FieldHandle, DateFieldProps & { kind: Kind }>(function PickerField(props, ref) {
  const { t, i18n } = useTranslation();
  const { kind, name = '', onChange, onBlur } = props;
  const parse = kind === 'day' ? parseDayText : parseDayTimeText;
  const held = useRef(props.value ?? '');
  const [text, setText] = useState(showValue(props.value ?? ''));
  const [open, setOpen] = useState(false);
  // The calendar is drawn at the page's end, or inside the modal dialog the field is in (the page is inert then).
  const [host, setHost] = useState<HTMLElement | null>(null);
  const [time, setTime] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const popoverId = useId();

  const hold = useCallback((value: string) => {
    held.current = value;
    setText(showValue(value));
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      name,
      type: 'text' as const,
      get value(): string {
        return held.current;
      },
      set value(value: string | null) {
        hold(value ?? '');
      },
      focus: () => input.current?.focus(),
    }),
    [name, hold],
  );

  // A value held by the screen (a filter read from the address) that changed from outside.
  useEffect(() => {
    if (props.value !== undefined && props.value !== held.current) hold(props.value);
  }, [props.value, hold]);

  const emit = (value: string) => {
    held.current = value;
    onChange?.({ type: 'change', target: { name, type: 'text', value } });
  };

  const typed = (next: string) => {
    setText(next);
    const value = next.trim() ? parse(next) : '';
    if (value !== null && value !== held.current) emit(value);
  };

  const left = () => {
    const value = text.trim() ? parse(text) : '';
    if (value === null) {
      // A form's rule refuses it with its reason; a filter keeps the last day it understood.
      if (props.value === undefined && text.trim() !== held.current) emit(text.trim());
    } else {
      setText(showValue(value));
      if (value !== held.current) emit(value);
    }
    onBlur?.({ type: 'blur', target: { name, type: 'text', value: held.current } });
  };

  const openPicker = () => {
    if (props.disabled) return;
    setTime(held.current.length > 10 ? held.current.slice(11, 16) : '');
    setHost(input.current?.closest('dialog') ?? document.body);
    placeFor(380, 330);
    setOpen(true);
  };
  const close = (focusInput: boolean) => {
    setOpen(false);
    if (focusInput) input.current?.focus();
  };

  // The calendar opens under the field (above it when there is no room below), kept on screen; placed at once with
  // a guessed size (the calendar takes the focus as it mounts, which a hidden element cannot), then with its own.
  const placeFor = useCallback((height: number, width: number) => {
    if (!input.current) return;
    const box = input.current.getBoundingClientRect();
    const below = box.bottom + 4 + height <= window.innerHeight;
    setPlace({
      top: below ? box.bottom + 4 : Math.max(4, box.top - 4 - height),
      left: Math.max(4, Math.min(box.left, window.innerWidth - width - 4)),
    });
  }, []);
  useLayoutEffect(() => {
    if (open && popover.current) placeFor(popover.current.offsetHeight, popover.current.offsetWidth);
  }, [open, placeFor]);

  // A press outside the field and its calendar closes the calendar.
  useEffect(() => {
    if (!open) return undefined;
    const away = (event: PointerEvent) => {
      const target = event.target as Node;
      if (popover.current?.contains(target) || input.current?.parentElement?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const pickDay = (day: string) => {
    if (kind === 'day') {
      hold(day);
      emit(day);
      close(true);
      return;
    }
    const at = `${day}T${parseTimeText(time) ?? (held.current.length > 10 ? held.current.slice(11, 16) : FALLBACK_TIME)}`;
    setTime(at.slice(11));
    hold(at);
    emit(at);
  };

  const pickTime = (next: string) => {
    setTime(next);
    const parsed = parseTimeText(next);
    const day = parseDayText(held.current.slice(0, 10));
    if (parsed && day) {
      hold(`${day}T${parsed}`);
      emit(`${day}T${parsed}`);
    }
  };

  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    }
  };

  const selected = dayAsDate(parse(text) ?? '');
  const picker =
    open && host
      ? createPortal(
          <div
            ref={popover}
            id={popoverId}
            className="date-popover"
            role="dialog"
            aria-label={t('pickers.calendar')}
            style={place ?? undefined}
            onKeyDown={keys}
          >
            <DayPicker
              mode="single"
              autoFocus
              locale={i18n.language === 'zh-CN' ? zhCN : enUS}
              weekStartsOn={1}
              today={dayAsDate(deskDay(new Date()))}
              captionLayout="dropdown"
              startMonth={new Date(2000, 0)}
              endMonth={new Date(new Date().getFullYear() + 10, 11)}
              defaultMonth={selected}
              selected={selected}
              onSelect={(date) => (date ? pickDay(dateAsDay(date)) : undefined)}
            />
            <div className="date-popover-footer">
              {kind === 'dayTime' ? (
                <label className="date-popover-time">
                  {t('pickers.time')}
                  <input
                    value={time}
                    inputMode="numeric"
                    placeholder="HH:mm"
                    maxLength={5}
                    onChange={(event) => pickTime(event.target.value)}
                    onKeyDown={(event) => (event.key === 'Enter' ? (event.preventDefault(), close(true)) : undefined)}
                  />
                </label>
              ) : null}
              <button type="button" className="link" onClick={() => pickDay(deskDay(new Date()))}>
                {t('pickers.today')}
              </button>
              <button
                type="button"
                className="link"
                onClick={() => {
                  hold('');
                  emit('');
                  close(true);
                }}
              >
                {t('pickers.clear')}
              </button>
              <button type="button" className="link" onClick={() => close(true)}>
                {t('pickers.close')}
              </button>
            </div>
          </div>,
          host,
        )
      : null;

  return (
    <span className="date-field">
      <input
        ref={input}
        type="text"
        name={name}
        value={text}
        lang={i18n.language}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={t(kind === 'day' ? 'pickers.datePlaceholder' : 'pickers.dateTimePlaceholder')}
        size={kind === 'day' ? 11 : 17}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
        title={props.title}
        aria-invalid={props['aria-invalid'] || (text.trim() !== '' && parse(text) === null) || undefined}
        aria-label={props['aria-label']}
        // A text box may not say it opens a popup (axe: aria-allowed-attr): the calendar button says so.
        aria-keyshortcuts="Alt+ArrowDown"
        onChange={(event) => typed(event.target.value)}
        onBlur={left}
        onKeyDown={(event) => {
          if (event.altKey && event.key === 'ArrowDown') {
            event.preventDefault();
            openPicker();
          } else keys(event);
        }}
      />
      <button
        type="button"
        className="date-field-button"
        tabIndex={-1}
        aria-label={t('pickers.openCalendar')}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        disabled={props.disabled}
        onClick={() => (open ? close(true) : openPicker())}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
        </svg>
      </button>
      {picker}
    </span>
  );
});

/** A calendar day: "2026-12-07". */
export const DateField = forwardRef<FieldHandle, DateFieldProps>(function DateField(props, ref) {
  return <PickerField ref={ref} {...props} kind="day" />;
});

/** A day and a time on the desk's clock, 24-hour: shown "2026-12-07 14:30", held "2026-12-07T14:30". */
export const DateTimeField = forwardRef<FieldHandle, DateFieldProps>(function DateTimeField(props, ref) {
  return <PickerField ref={ref} {...props} kind="dayTime" />;
});
