import { userInfo } from 'node:os';
import * as v from 'valibot';
import { IdSchema } from '@paygate/domain';

/** The login name, as a default operator id; undefined when there is none or it has spaces. */
export const loginName = (): string | undefined => {
  try {
    const name = userInfo().username;
    return v.is(IdSchema, name) ? name : undefined;
  } catch {
    return undefined;
  }
};
