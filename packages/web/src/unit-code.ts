/**
 * Electronic identifier codes of agencies look like 000.00.12.H49. The server decides what it accepts;
 * the UI only warns on other shapes, since divisions may use local codes.
 */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
