/*
 * The counter's paperwork as documents. Each builder takes a plain struct
 * (filled by the caller from the server's replies, see docs/api.md) and
 * returns a new document with its id; the caller frees it. Strings are
 * UTF-8 and may come straight from the server: documents clean them.
 * Dates are "YYYY-MM-DD" as the server sends them; instants are time_t,
 * printed in local time. This header holds the structs; each paper-*.c
 * declares its builders in its own header.
 */
#ifndef PRINTING_PAPERS_H
#define PRINTING_PAPERS_H

#include <stddef.h>
#include <time.h>

#include "doc.h"

struct paper_material {
	const char	*name;
	int		 originals;
	int		 copies;
};

/* A material taken 容缺: to be brought by due_date ("" not yet known). */
struct paper_deferred {
	const char	*name;
	const char	*due_date;	/* YYYY-MM-DD */
};

/* An application (办件), for the receipts and notices about it. */
struct paper_application {
	const char			*centre;	/* 红旗街街道便民服务中心 */
	const char			*community;	/* 红旗社区 */
	const char			*counter;	/* "3" */
	const char			*staff;		/* operator's name */
	const char			*number;	/* 610202001-20261129-0007 */
	const char			*service;	/* 高龄津贴申请 */
	const char			*txcode;	/* 0501 */
	const char			*resident;	/* name */
	const char			*id_masked;	/* 610***********0013 */
	const char			*address;	/* optional */
	const char			*due_date;	/* YYYY-MM-DD */
	time_t				 at;		/* taken / printed */
	const struct paper_material	*materials;
	size_t				 nmaterials;
	const char * const		*missing;	/* 一次性告知 */
	size_t				 nmissing;
	const struct paper_deferred	*deferred;	/* 容缺受理 */
	size_t				 ndeferred;
	const char			*reason;	/* 不予受理 */
	const char			*basis;		/* its legal basis */
	const char			*phone;		/* centre's, optional */
	const char			*query_url;	/* QR; else the number */
	const char			*pickup_code;	/* 取件码, on the receipt
							   printed as it is taken;
							   NULL: none */
	int				 pickup_code_lost; /* made, but
							   the answer was a
							   replay's, without it */
	const char			*replaces;	/* a provisional slip's
							   number, 待同步-L2 */
};

struct paper_certificate {
	long		 id;
	const char	*serial;	/* 红旗社区〔2026〕第000123号 */
	const char	*title;		/* 居住证明 */
	const char	*issuer;	/* 红旗社区居民委员会 */
	const char	*body;		/* the server's filled text, LF lines */
	const char	*issued_on;	/* YYYY-MM-DD */
	const char	*valid_until;	/* YYYY-MM-DD, optional */
	const char	*verify_url;
	const char	*verify_code;	/* K7QM3XPD */
	const char	*rate_url;	/* the rating page, optional */
};

struct paper_handoff_item {
	const char	*number;
	const char	*service;
	const char	*resident;
	const char	*due_date;
};

struct paper_handoff {
	const char			*number;	/* ...-J20261129-003 */
	const char			*centre;
	const char			*to;
	const char			*staff;
	const char			*note;
	time_t				 at;
	const struct paper_handoff_item	*items;
	size_t				 nitems;
};

struct paper_service_count {
	const char	*txcode;
	const char	*name;
	int		 received;
	int		 completed;
};

/* One channel's money of the day (cash, code). */
struct paper_money_channel {
	const char	*channel;
	int		 payments;
	long long	 paid_fen;
	int		 reversals;
	long long	 reversed_fen;
};

/* One counter's cash drawer of the day. */
struct paper_money_session {
	const char	*counter;
	const char	*status;	/* open, closed, signed */
	long long	 float_fen, expected_fen;
	long long	 counted_fen;	/* -1 while open */
	long long	 over_fen, short_fen;
	const char	*reason;	/* why over or short */
	const char	*closed_by, *signed_by;
};

/* The money lines of the day-end sheet (docs/api.md 22, DayMoney). */
struct paper_money {
	const struct paper_money_channel	*channels;
	size_t					 nchannels;
	long long				 taken_fen, returned_fen;
	int					 refunds, voids, waived;
	int					 relief;
	long long				 refunds_fen, voids_fen;
	long long				 waived_fen, relief_fen;
	int					 open, unsigned_;
	long long				 float_fen, expected_fen;
	long long				 counted_fen, over_fen;
	long long				 short_fen;
	const struct paper_money_session	*sessions;
	size_t					 nsessions;
};

struct paper_daily {
	const char				*date;	/* YYYY-MM-DD */
	const char				*centre;
	const char				*counter;	/* or NULL */
	const char				*staff;		/* who prints */
	int					 received, accepted;
	int					 completed, rejected, collected;
	int					 overdue, certificates;
	int					 tickets_issued, tickets_done;
	int					 avg_wait_s;	/* -1: none */
	const struct paper_service_count	*services;
	size_t					 nservices;
	const struct paper_money		*money;	/* or NULL */
	time_t					 at;
};

/* A payment's receipt (收款收据), or the red-letter receipt (冲红) of
 * its refund or void: kind "payment", "refund" or "void". */
struct paper_payment {
	const char	*centre;
	const char	*serial;	/* 610202001001-20261129-0003 */
	const char	*kind;
	const char	*number;	/* the application's */
	const char	*service;
	const char	*txcode;
	const char	*payer;
	const char	*id_masked;
	long long	 amount_fen;
	const char	*channel;	/* cash, code, waived */
	const char	*reference;	/* a code's transaction reference */
	const char	*reason;	/* why waived, refunded or voided */
	const char	*basis;		/* the fee's reason and source */
	const char	*original;	/* a red-letter's: the serial undone */
	const char	*approved_by;	/* a red-letter's approver */
	const char	*counter;
	const char	*staff;
	time_t		 at;
	long long	 local_ref;	/* > 0: a provisional receipt (临时收据)
					   of a payment still in the outbox */
	const char	*key;		/* its Idempotency-Key */
	int		 reprint_no;	/* > 0: printed again, 补打（第N次） */
};

struct paper_ticket {
	long		 id;
	const char	*centre;
	const char	*number;	/* E023 */
	const char	*category;	/* 养老服务 */
	int		 waiting_ahead;	/* -1: unknown */
	time_t		 at;
};

#endif
