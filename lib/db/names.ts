/** The database's name: in a module of its own, so a script that reads it without Dexie does not bring Dexie along. */
export const DB_NAME = 'kamiguard';
