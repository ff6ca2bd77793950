/* Debug log to a file, enabled by -v. Long digit runs (ID and phone
 * numbers) are masked in every line as a last line of defence. */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

int	log_open(const char *path);
void	log_close(void);
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Masks runs of 11+ digits (and a trailing X), and landlines (ten
 * digits from a 0, or written with a hyphen), in place: the first 3
 * and last 4 characters kept. */
void	log_scrub(char *);

#endif
