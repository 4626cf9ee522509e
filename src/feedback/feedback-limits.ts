/** 10 MiB holds tens of thousands of feedback records; with 5 rotated files, feedback never takes more than 60 MiB. */
export const DEFAULT_FEEDBACK_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_FEEDBACK_KEEP = 5;
