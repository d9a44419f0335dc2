/**
 * Replay protection for TOTP codes (RFC 6238 §5.2): each time step a user's code was accepted for
 * is remembered, and a code is accepted only for a later step, so a code read over a shoulder or
 * through a proxy is worthless once used — and so is an older code still inside the ±1 step window.
 *
 * Kept in this process's memory, like the throttles. With several nodes each keeps its own ledger,
 * so a stolen code could be replayed once on another node within its 90-second life (and only with
 * the password too). Closing that gap needs the last step in the database: a column
 * `staff_users.totp_last_step` (bigint) set by `UPDATE … WHERE totp_last_step < :step`, which
 * serialises nodes on the row. Memory was chosen until the lead adds that migration.
 */
export class UsedTotpSteps {
  private readonly lastStepOf = new Map<string, number>();

  /** Claims `step` for the user: true if it is later than every step claimed before, false for a replay. */
  claim(staffUserId: string, step: number): boolean {
    const lastStep = this.lastStepOf.get(staffUserId);
    if (lastStep !== undefined && step <= lastStep) return false;
    this.lastStepOf.set(staffUserId, step);
    this.forgetStale(step);
    return true;
  }

  /** Steps more than the window behind can no longer be presented: their entries only take memory. */
  private forgetStale(currentStep: number) {
    if (this.lastStepOf.size < 10_000) return;
    for (const [staffUserId, step] of this.lastStepOf) if (step < currentStep - 2) this.lastStepOf.delete(staffUserId);
  }
}
