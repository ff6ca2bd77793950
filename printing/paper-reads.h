/* The 查询记录 on paper (paper-reads.c): who read a resident's data,
 * when and for what (docs/api.md 23). */
#ifndef PRINTING_PAPER_READS_H
#define PRINTING_PAPER_READS_H

#include <stddef.h>
#include <time.h>

struct pdoc;

/* One read: a department's for a purpose, or a staff's full-ID reveal.
 * Strings may come from the server. */
struct paper_read {
	const char	*at;		/* local "2026-11-29 16:30" */
	int		 reveal;	/* 1: a full-ID reveal */
	const char	*staff;
	const char	*dept;		/* "" for a reveal */
	const char	*purpose;	/* its name; "" for a reveal */
	const char	*basis;
	long long	 records;
	int		 refused;
	const char	*reason;	/* a reveal's */
};

struct paper_reads {
	const char		*centre;
	const char		*staff;		/* who prints */
	const char		*resident;
	const char		*id_masked;
	const struct paper_read	*items;
	size_t			 n;
	time_t			 at;
};

/* The 查询记录 on A4, newest first as given. The caller frees it. */
struct pdoc	*paper_reads(const struct paper_reads *);

#endif
