/*
 * The fee told on an intake form (docs/api.md 22): asked for the
 * resident and the values of the fields the service's fee cases read
 * (1006: 换领原因), and asked again when one of them changes.
 */
#ifndef TUI_FORM_FEE_H
#define TUI_FORM_FEE_H

#include <cjson/cJSON.h>

struct form;

/* The fee's line and what it was last asked for. */
struct form_fee {
	char	*line;		/* shown under the form, or NULL */
	char	*asked;		/* the resident and fields asked for */
};

/* Asks the fee of service (a Service) for the resident and the form's
 * values, in owner's request slot, unless it was asked for the same;
 * while a field the fee follows is empty, the line says to choose it.
 * Nothing for a service without a fee. */
void	form_fee_update(struct form_fee *, const void *owner, int slot,
	    const cJSON *service, struct form *, long long resident_id);
void	form_fee_clear(struct form_fee *);

#endif
