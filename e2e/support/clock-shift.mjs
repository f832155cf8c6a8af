// Preloaded (node --import) into an operator CLI process to run it as if at another time: shifts
// the process's clock by CLOCK_OFFSET_MS. Only the CLI is shifted; the server keeps real time.
// Used to mint a key with a one-day lifetime "two days ago", i.e. an expired key, honestly
// through the real CLI, without waiting a day or writing to the database behind its back.
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const RealDate = globalThis.Date;

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate;
