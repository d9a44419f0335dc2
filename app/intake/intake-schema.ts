import { z } from "zod";
import type { MessageKey } from "../i18n/translate";

/**
 * What a reporter may send, shared by the browser (Conform validates as they type), the form
 * actions and the intake API. Messages are translation keys: the page shows them in the reader's
 * language, next to the field.
 */

// Also the message of a wrong type (an array or a file where text belongs, sent by hand): zod's
// own English sentence must never reach a Thai page.
const message = (key: MessageKey) => ({ message: key });

export const reporterKinds = ["complaint", "question", "suggestion", "compliment"] as const;
export type GeneralKind = (typeof reporterKinds)[number];

const optionalText = (maximum: number) => z.string(message("validation.required")).trim().max(maximum, message("validation.tooLong")).optional();

const categoryCode = z.string(message("validation.chooseCategory")).regex(/^[a-z_]+\.[a-z_]+$/, message("validation.chooseCategory"));

const emailAddress = z.string(message("validation.email")).trim().max(254, message("validation.tooLong")).email(message("validation.email"));
// Thai numbers are written many ways (0812345678, 081-234-5678, +66 81 234 5678); keep the digits honest.
const phoneNumber = z
  .string(message("validation.phone"))
  .trim()
  .regex(/^\+?[0-9 ()-]{9,20}$/, message("validation.phone"));

/** Hidden from people, tempting to bots: filled in means a bot (issue 3: abuse). */
export const honeypotFieldName = "website";

export const corruptionTipSchema = z
  .object({
    categoryCode,
    whatHappened: z.string(message("validation.required")).trim().min(20, message("validation.describeMore")).max(20_000, message("validation.tooLong")),
    whenHappened: optionalText(200),
    whereHappened: optionalText(500),
    peopleInvolved: optionalText(5_000),
    reporterRelation: z.enum(["staff", "outside", "unknown"], message("validation.chooseOne")),
    giveContact: z.boolean(message("validation.chooseOne")).default(false),
    contactName: optionalText(200),
    contactEmail: emailAddress.optional(),
    contactPhone: phoneNumber.optional(),
  })
  .superRefine((tip, context) => {
    if (tip.giveContact && !tip.contactEmail && !tip.contactPhone) {
      context.addIssue({ code: "custom", path: ["contactEmail"], message: "validation.contactNeeded" satisfies MessageKey });
    }
  });

export type CorruptionTipInput = z.infer<typeof corruptionTipSchema>;

export const contactSchema = z
  .object({
    kind: z.enum(reporterKinds, message("validation.chooseOne")),
    categoryCode,
    details: z.string(message("validation.required")).trim().min(10, message("validation.describeMore")).max(20_000, message("validation.tooLong")),
    identity: z.enum(["named", "anonymous"], message("validation.chooseOne")),
    name: optionalText(200),
    email: emailAddress.optional(),
    phone: phoneNumber.optional(),
    consent: z.boolean(message("validation.consentNeeded")).default(false),
  })
  .superRefine((contact, context) => {
    if (contact.identity !== "named") return;
    if (!contact.name) context.addIssue({ code: "custom", path: ["name"], message: "validation.required" satisfies MessageKey });
    if (!contact.email && !contact.phone) context.addIssue({ code: "custom", path: ["email"], message: "validation.contactNeeded" satisfies MessageKey });
    if (!contact.consent) context.addIssue({ code: "custom", path: ["consent"], message: "validation.consentNeeded" satisfies MessageKey });
  });

export type ContactInput = z.infer<typeof contactSchema>;

export const reporterReplySchema = z.object({
  message: z.string(message("validation.required")).trim().min(1, message("validation.required")).max(20_000, message("validation.tooLong")),
});

export const trackingCodeSchema = z.object({
  code: z.string(message("validation.required")).trim().min(1, message("validation.required")).max(100, message("validation.trackingCodeMalformed")),
});
