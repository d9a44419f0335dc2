/** Staff pages: the escalation inbox of executives and its decisions, in Thai. */
export const escalationsTh = {} as const;
