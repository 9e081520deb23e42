/**
 * The desk's time zone: times are stored in UTC and shown, numbered and grouped into days on the dealership's wall
 * clock. BayDesk is for mainland-China dealerships (DOMAIN.md "Money, time and identity"), so it is one constant:
 * an RO opened at 00:30 on 1 January in Beijing is numbered in the new year although it is still 31 December in UTC.
 */
export const DESK_TIME_ZONE = 'Asia/Shanghai';
