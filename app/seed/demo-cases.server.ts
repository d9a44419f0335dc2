import { applyCaseAction } from "../cases/case-transitions.server";
import type { CaseKind, CaseOutcome, ReporterRelation } from "../db.server";
import { fileCase, type IntakeSubmission } from "../intake/intake.server";
import { postStaffMessage } from "../messaging/messages.server";
import type { AppServices } from "../services.server";

/**
 * Demo cases for a development instance: enough of every kind, channel and stage across two fiscal
 * years that queues, countdowns and reports have something real to show. Filed through the same
 * services as real cases (so they are encrypted, audited and deadlined like any other), from a
 * fixed pseudo-random sequence so every new instance looks the same.
 */

interface Story {
  kind: CaseKind;
  categoryCode: string;
  narrative: string;
}

const stories: Story[] = [
  { kind: "corruption_tip", categoryCode: "corruption.procurement", narrative: "มีการแบ่งซื้อแบ่งจ้างโครงการปรับปรุงอาคารเป็นหลายสัญญา เพื่อให้ต่ำกว่าวงเงินที่ต้องประกวดราคา" },
  { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เจ้าหน้าที่ตรวจรับพัสดุเรียกรับเงินจากผู้ขายเพื่อเร่งการตรวจรับและการเบิกจ่าย" },
  { kind: "corruption_tip", categoryCode: "corruption.abuse_of_power", narrative: "ผู้บังคับบัญชาสั่งให้ใช้รถราชการไปทำธุระส่วนตัวในวันหยุดเป็นประจำ" },
  { kind: "corruption_tip", categoryCode: "corruption.conflict_of_interest", narrative: "กรรมการพิจารณาผลการจัดซื้อเป็นญาติกับเจ้าของบริษัทที่ได้รับการคัดเลือก" },
  { kind: "corruption_tip", categoryCode: "corruption.misuse_of_assets", narrative: "มีการนำเครื่องคอมพิวเตอร์ของหน่วยงานไปใช้ในธุรกิจส่วนตัว" },
  { kind: "complaint", categoryCode: "complaint.service_quality", narrative: "รอคิวรับบริการนานกว่าสามชั่วโมงโดยไม่มีการแจ้งเหตุผล" },
  { kind: "complaint", categoryCode: "complaint.staff_conduct", narrative: "เจ้าหน้าที่ที่จุดบริการพูดจาไม่สุภาพและไม่ให้ข้อมูลที่ถูกต้อง" },
  { kind: "complaint", categoryCode: "complaint.digital_service", narrative: "ระบบยื่นคำขอออนไลน์แจ้งข้อผิดพลาดทุกครั้งที่แนบเอกสาร" },
  { kind: "question", categoryCode: "question.general", narrative: "ต้องการทราบขั้นตอนและเอกสารที่ใช้ในการขอสำเนาเอกสารราชการ" },
  { kind: "question", categoryCode: "question.digital_service", narrative: "ลืมรหัสผ่านระบบบริการออนไลน์ ต้องติดต่อช่องทางใด" },
  { kind: "suggestion", categoryCode: "suggestion.general", narrative: "เสนอให้เพิ่มช่องทางนัดหมายล่วงหน้าเพื่อลดเวลารอคิว" },
  { kind: "compliment", categoryCode: "compliment.general", narrative: "ขอชมเชยเจ้าหน้าที่ที่ช่วยแนะนำขั้นตอนอย่างละเอียดและเป็นมิตร" },
];

const channels = ["web", "web", "web", "line", "phone", "walk_in", "email", "letter"] as const;
const relations: ReporterRelation[] = ["staff", "outside", "unknown"];
const outcomes: CaseOutcome[] = ["substantiated", "partly_substantiated", "unsubstantiated", "action_taken"];

/** A small deterministic generator (mulberry32): the same demo on every machine. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const day = 86_400_000;

export async function seedDemoCases(services: AppServices, now: number, count = 150): Promise<number> {
  const random = sequence(2569);
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(random() * items.length)]!;
  const officer = await services.db.selectFrom("staff_users").select("id").where("role", "=", "investigator").executeTakeFirst();
  let filed = 0;
  for (let index = 0; index < count; index += 1) {
    const story = stories[index % stories.length]!;
    // Spread over the last ~14 months: the current fiscal year and the one before.
    const filedAt = now - Math.floor(random() * 420 * day);
    const named = story.kind !== "corruption_tip" && random() < 0.6;
    const submission: IntakeSubmission = {
      kind: story.kind,
      categoryCode: story.categoryCode,
      narrative: story.narrative,
      details: {},
      reporterRelation: story.kind === "corruption_tip" ? pick(relations) : "unknown",
      identity: named ? { name: `ผู้ร้องตัวอย่าง ${index + 1}`, phone: `08${String(10_000_000 + index).slice(-8)}` } : undefined,
      consentVersion: named ? "pdpa-2569-1" : undefined,
      files: [],
    };
    const result = await fileCase(services, submission, { channel: pick(channels) }, filedAt);
    if (!("receipt" in result)) continue;
    filed += 1;
    await progressDemoCase(services, result.receipt.caseId, filedAt, now, random, officer?.id);
  }
  return filed;
}

/** Older cases have moved further along, as they would have; some are late, as real ones are. */
async function progressDemoCase(services: AppServices, caseId: string, filedAt: number, now: number, random: () => number, officerId: string | undefined) {
  const age = now - filedAt;
  const steps: Array<"acknowledge" | "reply" | "resolve" | "close"> = [];
  if (age > 2 * day && random() < 0.9) steps.push("acknowledge");
  if (age > 10 * day && random() < 0.8) steps.push("reply");
  if (age > 30 * day && random() < 0.85) steps.push("resolve");
  if (age > 45 * day && random() < 0.9) steps.push("close");
  let at = filedAt;
  for (const step of steps) {
    at += Math.floor((0.5 + random() * 6) * day);
    if (at > now) return;
    if (step === "reply") {
      if (officerId) await postStaffMessage(services, { caseId, staffId: officerId, visibility: "reporter_thread", body: "หน่วยงานได้รับเรื่องและกำลังตรวจสอบข้อเท็จจริง จะแจ้งผลให้ทราบต่อไป" }, at);
      continue;
    }
    await services.db.transaction().execute(async (transaction) => {
      const caseRow = await transaction.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
      const action = step === "resolve" ? { type: "resolve" as const, outcome: outcomes[Math.floor(random() * outcomes.length)]! } : { type: step };
      await applyCaseAction(transaction, caseRow, action, { type: "staff", id: officerId ?? null }, at);
    });
  }
}
