/**
 * Building blocks of the hand-written raw-message validators. A Validator collects every problem as
 * `path: message` and each reader returns a typed value; a required reader that fails records the
 * problem and returns a placeholder, so the caller can keep going and the message is discarded at the end.
 */
import { containerNoProblem, placeProblem } from '@mmt/contracts';
import type { Place } from '@mmt/contracts';
import { dateProblem, dateTimeProblem, epochMillis } from './date-time';
import { EARLIEST_EVENT_TIME, MAX_DAYS_AFTER_SENT_AT } from './limits';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type of a value, for messages: string, number, boolean, null, array or object. */
export function jsonType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

const EARLIEST_MS = Date.parse(EARLIEST_EVENT_TIME);
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_ECHO = 80;

/** A value quoted for an error message, cut short if long. */
function echo(text: string): string {
  return text.length <= MAX_ECHO ? `"${text}"` : `"${text.slice(0, MAX_ECHO)}…"`;
}

export class Validator {
  readonly errors: string[] = [];

  error(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  /** obj[key], recording "required" when a required field is absent. JSON null counts as present. */
  private field(obj: JsonObject, key: string, parent: string, required: boolean): unknown {
    const value = obj[key];
    if (value === undefined && required) {
      this.error(fieldPath(parent, key), 'required');
    }
    return value;
  }

  private typed(value: unknown, path: string, type: 'string' | 'boolean' | 'object' | 'array'): boolean {
    const ok =
      type === 'object' ? isJsonObject(value) : type === 'array' ? Array.isArray(value) : typeof value === type;
    if (!ok) {
      this.error(path, `must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}, got ${jsonType(value)}`);
    }
    return ok;
  }

  /** A string value at `path`: non-empty, at most `max` characters, optionally matching `pattern`. */
  stringValue(value: unknown, path: string, max: number, pattern?: { re: RegExp; says: string }): string | undefined {
    if (!this.typed(value, path, 'string') || typeof value !== 'string') {
      return undefined;
    }
    if (value.trim() === '') {
      this.error(path, 'must not be empty');
      return undefined;
    }
    if (value.length > max) {
      this.error(path, `is ${value.length} characters long, more than the limit of ${max}`);
      return undefined;
    }
    if (pattern !== undefined && !pattern.re.test(value)) {
      this.error(path, `${echo(value)} is not ${pattern.says}`);
      return undefined;
    }
    return value;
  }

  optString(obj: JsonObject, key: string, parent: string, max: number, pattern?: { re: RegExp; says: string }) {
    const value = this.field(obj, key, parent, false);
    return value === undefined ? undefined : this.stringValue(value, fieldPath(parent, key), max, pattern);
  }

  reqString(obj: JsonObject, key: string, parent: string, max: number, pattern?: { re: RegExp; says: string }) {
    const value = this.field(obj, key, parent, true);
    return value === undefined ? '' : (this.stringValue(value, fieldPath(parent, key), max, pattern) ?? '');
  }

  enumValue<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (!this.typed(value, path, 'string')) {
      return undefined;
    }
    const found = allowed.find((a) => a === value);
    if (found === undefined) {
      this.error(path, `${echo(String(value))} is not one of ${allowed.join(', ')}`);
    }
    return found;
  }

  optEnum<T extends string>(obj: JsonObject, key: string, parent: string, allowed: readonly T[]): T | undefined {
    const value = this.field(obj, key, parent, false);
    return value === undefined ? undefined : this.enumValue(value, fieldPath(parent, key), allowed);
  }

  reqEnum<T extends string>(obj: JsonObject, key: string, parent: string, allowed: readonly T[]): T {
    const value = this.field(obj, key, parent, true);
    return (value === undefined ? undefined : this.enumValue(value, fieldPath(parent, key), allowed)) ?? allowed[0];
  }

  reqBoolean(obj: JsonObject, key: string, parent: string): boolean {
    const value = this.field(obj, key, parent, true);
    return value !== undefined && this.typed(value, fieldPath(parent, key), 'boolean') && value === true;
  }

  optObject(obj: JsonObject, key: string, parent: string): JsonObject | undefined {
    const value = this.field(obj, key, parent, false);
    return value !== undefined && this.typed(value, fieldPath(parent, key), 'object') && isJsonObject(value)
      ? value
      : undefined;
  }

  /** The object at obj[key], or undefined (problem recorded) when it is absent or not an object. */
  reqObject(obj: JsonObject, key: string, parent: string): JsonObject | undefined {
    const value = this.field(obj, key, parent, true);
    return value !== undefined && this.typed(value, fieldPath(parent, key), 'object') && isJsonObject(value)
      ? value
      : undefined;
  }

  /** The array at obj[key] with minItems/maxItems checked; [] when absent (if required, recorded) or invalid. */
  array(obj: JsonObject, key: string, parent: string, limits: { required: boolean; min: number; max: number }) {
    const path = fieldPath(parent, key);
    const value = this.field(obj, key, parent, limits.required);
    if (value === undefined || !this.typed(value, path, 'array') || !Array.isArray(value)) {
      return { present: false, items: [] as readonly unknown[] };
    }
    const items: readonly unknown[] = value;
    if (items.length < limits.min) {
      this.error(path, `must have at least ${limits.min} item${limits.min === 1 ? '' : 's'}`);
    }
    if (items.length > limits.max) {
      this.error(path, `has ${items.length} items, more than the limit of ${limits.max}`);
      return { present: true, items: items.slice(0, limits.max) };
    }
    return { present: true, items };
  }

  /** An ISO 6346 container number with a correct check digit. */
  containerNoValue(value: unknown, path: string): string | undefined {
    const text = this.stringValue(value, path, 20);
    if (text === undefined) {
      return undefined;
    }
    const problem = containerNoProblem(text);
    if (problem !== undefined) {
      this.error(path, problem);
      return undefined;
    }
    return text;
  }

  reqContainerNo(obj: JsonObject, key: string, parent: string): string {
    const value = this.field(obj, key, parent, true);
    return (value === undefined ? undefined : this.containerNoValue(value, fieldPath(parent, key))) ?? '';
  }

  optContainerNo(obj: JsonObject, key: string, parent: string): string | undefined {
    const value = this.field(obj, key, parent, false);
    return value === undefined ? undefined : this.containerNoValue(value, fieldPath(parent, key));
  }

  private dateTimeValue(value: unknown, path: string): string | undefined {
    const text = this.stringValue(value, path, 40);
    const problem = text === undefined ? undefined : dateTimeProblem(text);
    if (problem !== undefined) {
      this.error(path, problem);
      return undefined;
    }
    return text;
  }

  /** An ISO 8601 date-time with offset; '' (problem recorded) when absent or invalid. */
  reqDateTime(obj: JsonObject, key: string, parent: string): string {
    const value = this.field(obj, key, parent, true);
    return (value === undefined ? undefined : this.dateTimeValue(value, fieldPath(parent, key))) ?? '';
  }

  optDateTime(obj: JsonObject, key: string, parent: string): string | undefined {
    const value = this.field(obj, key, parent, false);
    return value === undefined ? undefined : this.dateTimeValue(value, fieldPath(parent, key));
  }

  reqDate(obj: JsonObject, key: string, parent: string): string {
    const path = fieldPath(parent, key);
    const value = this.field(obj, key, parent, true);
    const text = value === undefined ? undefined : this.stringValue(value, path, 40);
    const problem = text === undefined ? undefined : dateProblem(text);
    if (problem !== undefined) {
      this.error(path, problem);
      return '';
    }
    return text ?? '';
  }

  /**
   * A time something happened or will happen: not before 2000-01-01 and not more than 400 days after sentAt.
   * Silent when either text is not a valid date-time (that problem is reported where it is read).
   */
  checkEventTime(path: string, time: string, sentAt: string): void {
    const ms = epochMillis(time);
    if (ms === undefined) {
      return;
    }
    if (ms < EARLIEST_MS) {
      this.error(path, `${time} is before ${EARLIEST_EVENT_TIME.slice(0, 10)}`);
      return;
    }
    const sentMs = epochMillis(sentAt);
    if (sentMs !== undefined && ms > sentMs + MAX_DAYS_AFTER_SENT_AT * DAY_MS) {
      this.error(path, `${time} is more than ${MAX_DAYS_AFTER_SENT_AT} days after sentAt (${sentAt})`);
    }
  }

  /** A place: a UN/LOCODE on the platform's corridors and, optionally, a facility within it. */
  reqPlace(obj: JsonObject, key: string, parent: string): Place {
    const path = fieldPath(parent, key);
    const placeObj = this.reqObject(obj, key, parent);
    return placeObj === undefined ? { locode: '' } : this.placeValue(placeObj, path);
  }

  placeValue(placeObj: JsonObject, path: string): Place {
    const locode = this.reqString(placeObj, 'locode', path, 16);
    const facility = this.optString(placeObj, 'facility', path, 16);
    if (locode === '') {
      return { locode };
    }
    const locodeProblem = placeProblem({ locode });
    if (locodeProblem !== undefined) {
      this.error(fieldPath(path, 'locode'), locodeProblem);
      return { locode };
    }
    const place: Place = facility === undefined ? { locode } : { locode, facility };
    const facilityProblem = placeProblem(place);
    if (facilityProblem !== undefined) {
      this.error(fieldPath(path, 'facility'), facilityProblem);
    }
    return place;
  }
}
