/**
 * Thai government public holidays (วันหยุดราชการ) for fiscal years 2569 and 2570
 * (1 October 2025 – 30 September 2027), used to seed the holiday table that business-day clocks
 * count against. Admins can edit that table; this list is only the starting point.
 *
 * CHECK THIS LIST AGAINST THE CABINET ANNOUNCEMENT EVERY YEAR (ประกาศสำนักนายกรัฐมนตรี /
 * มติคณะรัฐมนตรี เรื่องวันหยุดราชการประจำปี). In particular:
 * - Special extra holidays (วันหยุดราชการเพิ่มเป็นกรณีพิเศษ) are decided by the Cabinet case by
 *   case; only 2 January 2026 had been approved when this list was written. None for 2027.
 * - The Royal Ploughing Ceremony day (วันพืชมงคล) is set each year by the Bureau of the Royal
 *   Household. 13 May 2026 is as reported for 2026 and should be confirmed; the 2027 date was not
 *   known and is not listed — add it when announced.
 * - Lunar holidays for 2027 (Makha Bucha 21 Feb, Visakha Bucha 20 May, Asarnha Bucha 18 Jul,
 *   Khao Phansa 19 Jul) are computed from the Thai lunar calendar (B.E. 2570 is an ordinary year,
 *   2569 has the doubled 8th month) and agree with the astronomical full moons; confirm them.
 *
 * Included: the holidays government offices close for, with substitution days (วันหยุดชดเชย) on
 * the next working day when a holiday falls on a Saturday or Sunday. Not included: bank- and
 * private-sector-only days such as National Labour Day (1 May), which government offices work.
 */

export interface ThaiHoliday {
  /** Bangkok calendar day, "YYYY-MM-DD". */
  readonly date: string;
  readonly nameTh: string;
  readonly nameEn: string;
}

interface HolidayName {
  readonly nameTh: string;
  readonly nameEn: string;
}

const kingBhumibolMemorial: HolidayName = {
  nameTh: "วันนวมินทรมหาราช",
  nameEn: "King Bhumibol Adulyadej the Great Memorial Day",
};
const chulalongkornDay: HolidayName = {
  nameTh: "วันปิยมหาราช",
  nameEn: "King Chulalongkorn the Great Memorial Day",
};
const fathersDay: HolidayName = {
  nameTh:
    "วันคล้ายวันพระบรมราชสมภพของพระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร " +
    "วันชาติ และวันพ่อแห่งชาติ",
  nameEn: "King Bhumibol Adulyadej the Great's Birthday, National Day and National Father's Day",
};
const constitutionDay: HolidayName = {
  nameTh: "วันรัฐธรรมนูญ",
  nameEn: "Constitution Day",
};
const newYearsEve: HolidayName = {
  nameTh: "วันสิ้นปี",
  nameEn: "New Year's Eve",
};
const newYearsDay: HolidayName = {
  nameTh: "วันขึ้นปีใหม่",
  nameEn: "New Year's Day",
};
const specialHoliday: HolidayName = {
  nameTh: "วันหยุดราชการเพิ่มเป็นกรณีพิเศษ",
  nameEn: "Special additional holiday (Cabinet resolution)",
};
const makhaBucha: HolidayName = {
  nameTh: "วันมาฆบูชา",
  nameEn: "Makha Bucha Day",
};
const chakriDay: HolidayName = {
  nameTh: "วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราช และวันที่ระลึกมหาจักรีบรมราชวงศ์",
  nameEn: "Chakri Memorial Day",
};
const songkran: HolidayName = {
  nameTh: "วันสงกรานต์",
  nameEn: "Songkran Festival",
};
const coronationDay: HolidayName = {
  nameTh: "วันฉัตรมงคล",
  nameEn: "Coronation Day",
};
const royalPloughingDay: HolidayName = {
  nameTh: "วันพระราชพิธีพืชมงคลจรดพระนังคัลแรกนาขวัญ",
  nameEn: "Royal Ploughing Ceremony Day",
};
const visakhaBucha: HolidayName = {
  nameTh: "วันวิสาขบูชา",
  nameEn: "Visakha Bucha Day",
};
const queensBirthday: HolidayName = {
  nameTh: "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสุทิดา พัชรสุธาพิมลลักษณ พระบรมราชินี",
  nameEn: "H.M. Queen Suthida's Birthday",
};
const kingsBirthday: HolidayName = {
  nameTh:
    "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระปรเมนทรรามาธิบดีศรีสินทรมหาวชิราลงกรณ " +
    "พระวชิรเกล้าเจ้าอยู่หัว",
  nameEn: "H.M. King Maha Vajiralongkorn's Birthday",
};
const asarnhaBucha: HolidayName = {
  nameTh: "วันอาสาฬหบูชา",
  nameEn: "Asarnha Bucha Day",
};
const khaoPhansa: HolidayName = {
  nameTh: "วันเข้าพรรษา",
  nameEn: "Buddhist Lent Day (Khao Phansa)",
};
// The official title of 12 August may be revised in later announcements; check it each year.
const mothersDay: HolidayName = {
  nameTh: "วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ",
  nameEn: "H.M. Queen Sirikit The Queen Mother's Birthday and National Mother's Day",
};

/** The substitution day for a holiday that fell on a weekend. */
function substitutionFor(holiday: HolidayName): HolidayName {
  return {
    nameTh: `วันหยุดชดเชย${holiday.nameTh}`,
    nameEn: `Substitution for ${holiday.nameEn}`,
  };
}

function on(date: string, name: HolidayName): ThaiHoliday {
  return Object.freeze({ date, nameTh: name.nameTh, nameEn: name.nameEn });
}

/** Sorted by date; weekdays are noted to make the substitution days easy to check. */
export const thaiPublicHolidays: readonly ThaiHoliday[] = Object.freeze([
  // ----- Fiscal year 2569: 1 October 2025 – 30 September 2026 -----
  on("2025-10-13", kingBhumibolMemorial), // Mon
  on("2025-10-23", chulalongkornDay), // Thu
  on("2025-12-05", fathersDay), // Fri
  on("2025-12-10", constitutionDay), // Wed
  on("2025-12-31", newYearsEve), // Wed
  on("2026-01-01", newYearsDay), // Thu
  on("2026-01-02", specialHoliday), // Fri — Cabinet, bridging New Year to the weekend
  on("2026-03-03", makhaBucha), // Tue — full moon of month 4 (2569 has a doubled 8th month)
  on("2026-04-06", chakriDay), // Mon
  on("2026-04-13", songkran), // Mon
  on("2026-04-14", songkran), // Tue
  on("2026-04-15", songkran), // Wed
  on("2026-05-04", coronationDay), // Mon
  on("2026-05-13", royalPloughingDay), // Wed — confirm against the Royal Household's notice
  on("2026-05-31", visakhaBucha), // Sun
  on("2026-06-01", substitutionFor(visakhaBucha)), // Mon
  on("2026-06-03", queensBirthday), // Wed
  on("2026-07-28", kingsBirthday), // Tue
  on("2026-07-29", asarnhaBucha), // Wed — full moon of the second 8th month
  on("2026-07-30", khaoPhansa), // Thu
  on("2026-08-12", mothersDay), // Wed

  // ----- Fiscal year 2570: 1 October 2026 – 30 September 2027 -----
  on("2026-10-13", kingBhumibolMemorial), // Tue
  on("2026-10-23", chulalongkornDay), // Fri
  on("2026-12-05", fathersDay), // Sat
  on("2026-12-07", substitutionFor(fathersDay)), // Mon
  on("2026-12-10", constitutionDay), // Thu
  on("2026-12-31", newYearsEve), // Thu
  on("2027-01-01", newYearsDay), // Fri
  on("2027-02-21", makhaBucha), // Sun
  on("2027-02-22", substitutionFor(makhaBucha)), // Mon
  on("2027-04-06", chakriDay), // Tue
  on("2027-04-13", songkran), // Tue
  on("2027-04-14", songkran), // Wed
  on("2027-04-15", songkran), // Thu
  on("2027-05-04", coronationDay), // Tue
  // Royal Ploughing Ceremony day 2027: not yet announced (usually a weekday in May).
  on("2027-05-20", visakhaBucha), // Thu
  on("2027-06-03", queensBirthday), // Thu
  on("2027-07-18", asarnhaBucha), // Sun
  on("2027-07-19", khaoPhansa), // Mon
  on("2027-07-20", substitutionFor(asarnhaBucha)), // Tue — Monday is already Khao Phansa
  on("2027-07-28", kingsBirthday), // Wed
  on("2027-08-12", mothersDay), // Thu
]);

/** Just the dates, ready for createBusinessCalendar(). */
export const thaiPublicHolidayDateKeys: readonly string[] = Object.freeze(
  thaiPublicHolidays.map((holiday) => holiday.date),
);
