import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";

/*
 * The admin pages' forms as zod schemas, shared by the server (the action parses with them) and
 * the browser (Conform checks before sending). Their messages are translation keys. Vocabularies
 * (roles, kinds, units, channels) come in as arguments: their lists live in a server-only module.
 */

const required = { message: "validation.required" satisfies MessageKey };
const chooseOne = { message: "validation.chooseOne" satisfies MessageKey };

export const nameSchema = z
  .string({ message: "staffAdmin.common.nameRequired" satisfies MessageKey })
  .trim()
  .min(1, { message: "staffAdmin.common.nameRequired" satisfies MessageKey })
  .max(200, { message: "staffAdmin.common.nameTooLong" satisfies MessageKey });

const namesShape = { nameTh: nameSchema, nameEn: nameSchema };

function enumOf<Value extends string>(values: readonly Value[], message: { message: string } = chooseOne) {
  return z.enum(values as [Value, ...Value[]], { errorMap: () => message });
}

export function inviteSchema<Role extends string>(roles: readonly Role[]) {
  return z.object({
    email: z.string(required).trim().max(254, { message: "staffAdmin.problems.invalidEmail" satisfies MessageKey }).email({ message: "staffAdmin.problems.invalidEmail" satisfies MessageKey }),
    displayName: nameSchema,
    role: enumOf(roles, { message: "staffAdmin.users.chooseRole" satisfies MessageKey }),
    teamCode: z.string().max(40).optional(),
  });
}

export function roleChangeSchema<Role extends string>(roles: readonly Role[]) {
  return z.object({
    role: enumOf(roles, { message: "staffAdmin.users.chooseRole" satisfies MessageKey }),
    teamCode: z.string().max(40).optional(),
  });
}

export const teamCodeSchema = z
  .string(required)
  .trim()
  .regex(/^[a-z][a-z0-9_-]{1,39}$/, { message: "staffAdmin.teams.codeInvalid" satisfies MessageKey });

export const createTeamSchema = z.object({ code: teamCodeSchema, ...namesShape });
export const renameTeamSchema = z.object({ teamId: z.string(required).max(100), ...namesShape });

export const categoryCodeSchema = z
  .string(required)
  .trim()
  .max(80, { message: "staffAdmin.category.codeInvalid" satisfies MessageKey })
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, { message: "staffAdmin.category.codeInvalid" satisfies MessageKey });

/** The form's names of each clock's fields: `acknowledgeAmount`, `firstResponseUnit`… */
export const clockFieldPrefixes = { acknowledge: "acknowledge", first_response: "firstResponse", resolve: "resolve" } as const;
export type ClockName = keyof typeof clockFieldPrefixes;

const amountSchema = z
  .number({ message: "staffAdmin.category.amountInvalid" satisfies MessageKey })
  .int({ message: "staffAdmin.category.amountInvalid" satisfies MessageKey })
  .min(1, { message: "staffAdmin.category.amountInvalid" satisfies MessageKey })
  .max(3650, { message: "staffAdmin.category.amountInvalid" satisfies MessageKey })
  .optional();
const dueSoonPercentSchema = z
  .number({ message: "staffAdmin.category.dueSoonInvalid" satisfies MessageKey })
  .int({ message: "staffAdmin.category.dueSoonInvalid" satisfies MessageKey })
  .min(5, { message: "staffAdmin.category.dueSoonInvalid" satisfies MessageKey })
  .max(95, { message: "staffAdmin.category.dueSoonInvalid" satisfies MessageKey })
  .optional();

/** The due-soon share a new clock starts with (ARCHITECTURE §4: "e.g. 75 % elapsed"). */
export const defaultDueSoonPercent = 75;

/** Category fields, with the code and kind only when creating (they never change afterwards). */
export function categorySchema<Kind extends string, Unit extends string>(options: { creating: boolean; kinds: readonly Kind[]; units: readonly Unit[] }) {
  const unitSchema = enumOf(options.units, { message: "staffAdmin.category.unitRequired" satisfies MessageKey }).optional();
  const shape = {
    ...namesShape,
    teamCode: z.string({ message: "staffAdmin.category.chooseTeam" satisfies MessageKey }).max(40),
    isActive: z.boolean().optional(),
    acknowledgeAmount: amountSchema,
    acknowledgeUnit: unitSchema,
    acknowledgeDueSoonPercent: dueSoonPercentSchema,
    firstResponseAmount: amountSchema,
    firstResponseUnit: unitSchema,
    firstResponseDueSoonPercent: dueSoonPercentSchema,
    resolveAmount: amountSchema,
    resolveUnit: unitSchema,
    resolveDueSoonPercent: dueSoonPercentSchema,
    code: options.creating ? categoryCodeSchema : z.undefined().optional(),
    kind: options.creating ? enumOf(options.kinds, { message: "staffAdmin.category.chooseKind" satisfies MessageKey }) : z.undefined().optional(),
  };
  return z.object(shape).superRefine((value, context) => {
    for (const prefix of Object.values(clockFieldPrefixes)) {
      if (value[`${prefix}Amount`] !== undefined && value[`${prefix}Unit`] === undefined) {
        context.addIssue({ code: "custom", path: [`${prefix}Unit`], message: "staffAdmin.category.unitRequired" satisfies MessageKey });
      }
    }
  });
}

export const holidaySchema = z.object({
  date: z.string({ message: "staffAdmin.holidays.dateInvalid" satisfies MessageKey }).regex(/^\d{4}-\d{2}-\d{2}$/, { message: "staffAdmin.holidays.dateInvalid" satisfies MessageKey }),
  ...namesShape,
});

export function apiTokenSchema<Channel extends string>(channels: readonly Channel[]) {
  return z.object({
    name: nameSchema,
    channel: enumOf(channels, { message: "staffAdmin.apiTokens.chooseChannel" satisfies MessageKey }),
  });
}
