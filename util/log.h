/* The log: one dated line an event, to a file or stderr. Long digit
 * runs (ID and phone numbers) are masked in every line as a last line
 * of defence. On the stream systemd gave to the journal, each line
 * starts with its syslog priority (<3> error ... <7> debug). */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

/* Logs to path ("-": stderr), debug lines included; 0 or -1. */
int	log_open(const char *path);
/* Logs to stderr, debug lines only after log_set_verbose(1). */
void	log_to_stderr(void);
void	log_set_verbose(int);
/* Opens the log file again by its name (after logrotate moved it);
 * stderr stays. 0 or -1, the old file kept. */
int	log_reopen(void);
void	log_close(void);
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Masks runs of 11+ digits (and a trailing X), and landlines (ten
 * digits from a 0, or written with a hyphen), in place: the first 3
 * and last 4 characters kept. */
void	log_scrub(char *);

#endif
