/*
 * The note given to a resident who asked for a certificate that a
 * residents' committee no longer issues: which one, why not (the
 * document that took it away), and what to do instead. Strings are
 * UTF-8 and may come from the server: the document cleans them.
 */
#ifndef PRINTING_PAPER_NOTICE_H
#define PRINTING_PAPER_NOTICE_H

#include <time.h>

#include "doc.h"

struct paper_cert_refusal {
	const char	*centre;	/* 红旗街街道便民服务中心 */
	const char	*community;	/* 红旗社区 */
	const char	*counter;
	const char	*staff;
	const char	*type_code;	/* kinship: part of the id */
	const char	*type_name;	/* 亲属关系证明 */
	const char	*resident;	/* name, optional */
	const char	*id_masked;	/* optional */
	const char	*basis;
	const char	*alternative;	/* optional */
	time_t		 at;
};

/* A new receipt-roll document (不予出具证明告知书); the caller frees it. */
struct pdoc	*paper_cert_refusal(const struct paper_cert_refusal *);

#endif
