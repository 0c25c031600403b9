// A better-sqlite3 stand-in for the checkpoint worker's test: it opens the database, then
// fails at the first checkpoint, as a worker would whose disk went away.
const Database = require("better-sqlite3");

module.exports = class FailingAtCheckpoint {
  constructor(file, options) {
    this.db = new Database(file, options);
  }
  pragma(text) {
    if (text.startsWith("wal_checkpoint")) throw new Error("disk I/O error");
    return this.db.pragma(text);
  }
  close() {
    this.db.close();
  }
};
