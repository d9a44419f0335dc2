/**
 * The agency's starting configuration: teams, categories and their SLA policies (defaults from
 * ITA.md, "Timing rules"), and the demo staff accounts. Admins change all of it later; the demo
 * accounts exist only where demo data is seeded (never in production).
 */
import type { CaseKind, SlaClock, SlaUnit, StaffRole } from "../schema";

export interface TeamSeed {
  code: string;
  nameTh: string;
  nameEn: string;
}

export const teamSeeds: TeamSeed[] = [
  { code: "integrity", nameTh: "ศูนย์ปฏิบัติการต่อต้านการทุจริต", nameEn: "Anti-Corruption Operation Centre" },
  { code: "service", nameTh: "ศูนย์รับเรื่องร้องเรียนและบริการประชาชน", nameEn: "Public Service and Complaints Centre" },
  { code: "digital", nameTh: "ฝ่ายบริการดิจิทัล", nameEn: "Digital Services Division" },
];

type Clocks = Record<SlaClock, { amount: number; unit: SlaUnit }>;

const corruptionClocks: Clocks = {
  acknowledge: { amount: 3, unit: "business_days" },
  first_response: { amount: 15, unit: "business_days" },
  resolve: { amount: 90, unit: "calendar_days" },
};
const complaintClocks: Clocks = {
  acknowledge: { amount: 1, unit: "business_days" },
  first_response: { amount: 15, unit: "calendar_days" },
  resolve: { amount: 30, unit: "calendar_days" },
};
const questionClocks: Clocks = {
  acknowledge: { amount: 1, unit: "business_days" },
  first_response: { amount: 2, unit: "business_days" },
  resolve: { amount: 5, unit: "business_days" },
};
const feedbackClocks: Clocks = {
  acknowledge: { amount: 3, unit: "business_days" },
  first_response: { amount: 15, unit: "calendar_days" },
  resolve: { amount: 30, unit: "calendar_days" },
};

export interface CategorySeed {
  code: string;
  kind: CaseKind;
  teamCode: string;
  nameTh: string;
  nameEn: string;
  clocks: Clocks;
}

export const categorySeeds: CategorySeed[] = [
  { code: "corruption.procurement", kind: "corruption_tip", teamCode: "integrity", nameTh: "การจัดซื้อจัดจ้าง", nameEn: "Procurement", clocks: corruptionClocks },
  { code: "corruption.bribery", kind: "corruption_tip", teamCode: "integrity", nameTh: "การเรียกรับสินบน", nameEn: "Bribery", clocks: corruptionClocks },
  { code: "corruption.abuse_of_power", kind: "corruption_tip", teamCode: "integrity", nameTh: "การใช้อำนาจโดยมิชอบ", nameEn: "Abuse of power", clocks: corruptionClocks },
  { code: "corruption.conflict_of_interest", kind: "corruption_tip", teamCode: "integrity", nameTh: "ผลประโยชน์ทับซ้อน", nameEn: "Conflict of interest", clocks: corruptionClocks },
  { code: "corruption.misuse_of_assets", kind: "corruption_tip", teamCode: "integrity", nameTh: "การใช้ทรัพย์สินของราชการโดยมิชอบ", nameEn: "Misuse of government assets", clocks: corruptionClocks },
  { code: "complaint.service_quality", kind: "complaint", teamCode: "service", nameTh: "คุณภาพการให้บริการ", nameEn: "Service quality", clocks: complaintClocks },
  { code: "complaint.staff_conduct", kind: "complaint", teamCode: "service", nameTh: "พฤติกรรมของเจ้าหน้าที่", nameEn: "Staff conduct", clocks: complaintClocks },
  { code: "complaint.digital_service", kind: "complaint", teamCode: "digital", nameTh: "ระบบบริการดิจิทัล", nameEn: "Digital services", clocks: complaintClocks },
  { code: "question.general", kind: "question", teamCode: "service", nameTh: "สอบถามทั่วไป", nameEn: "General question", clocks: questionClocks },
  { code: "question.digital_service", kind: "question", teamCode: "digital", nameTh: "สอบถามเกี่ยวกับบริการดิจิทัล", nameEn: "Question about digital services", clocks: questionClocks },
  { code: "suggestion.general", kind: "suggestion", teamCode: "service", nameTh: "ข้อเสนอแนะ", nameEn: "Suggestion", clocks: feedbackClocks },
  { code: "compliment.general", kind: "compliment", teamCode: "service", nameTh: "คำชมเชย", nameEn: "Compliment", clocks: feedbackClocks },
];

export interface StaffSeed {
  email: string;
  displayName: string;
  role: StaffRole;
  teamCode: string | null;
}

export const demoStaffSeeds: StaffSeed[] = [
  { email: "intake@prongsai.example", displayName: "สมชาย รับเรื่อง", role: "intake_officer", teamCode: "service" },
  { email: "investigator@prongsai.example", displayName: "สุดา ตรวจสอบ", role: "investigator", teamCode: "integrity" },
  { email: "supervisor@prongsai.example", displayName: "ประเสริฐ หัวหน้างาน", role: "supervisor", teamCode: "integrity" },
  { email: "executive@prongsai.example", displayName: "วิไล ผู้บริหาร", role: "executive", teamCode: null },
  { email: "auditor@prongsai.example", displayName: "อนันต์ ผู้ตรวจสอบภายใน", role: "auditor", teamCode: null },
  { email: "admin@prongsai.example", displayName: "ธนา ผู้ดูแลระบบ", role: "admin", teamCode: null },
  { email: "committee@prongsai.example", displayName: "กรรมการตรวจสอบ", role: "audit_committee", teamCode: null },
];

/** Printed on the console at every start of a demo instance; documented in README.md. */
export const demoPassword = "prongsai-demo-2569";
