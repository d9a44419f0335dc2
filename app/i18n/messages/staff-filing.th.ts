/** Staff pages: filing a case on someone's behalf (phone, walk-in, letter…), in Thai. */
export const staffFilingTh = {} as const;
