/** SQLSTATE the append function raises when the expected revision (or event-id place) does not hold. */
export const CONFLICT_SQLSTATE = 'PGA09';
/** SQLSTATE the append-only triggers raise. */
export const APPEND_ONLY_SQLSTATE = 'PGA01';
