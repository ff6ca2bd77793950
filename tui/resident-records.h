/* What a resident's profile shows beyond the record: the latest
 * applications and certificates, and the audited full ID number. */
#ifndef TUI_RESIDENT_RECORDS_H
#define TUI_RESIDENT_RECORDS_H

#include "../api/session.h"
#include "../api/residents.h"
#include "../api/catalog.h"
#include "../api/applications.h"

struct records {
	const void		*owner;		/* the profile's data */
	long long		 id;
	struct briefs		*apps;
	struct briefs		*certs;
	struct revealed		*rev;
};

void	records_load(struct records *, long long resident_id);
void	records_free(struct records *);
/* Asks for a reason, then the server for the full values (audited). */
void	records_reveal(struct records *, long long resident_id);
/* Wipes the revealed values: they show only while asked for. */
void	records_forget(struct records *);
/* Draws from line y to last; returns the next free line. */
int	records_draw(struct records *, int y, int last, int cols);

#endif
