/*
 * 告知承诺 at the counter (docs/api.md 8): before a material or a
 * certificate is taken on the resident's written promise, the server
 * is asked whether the resident may promise today; a resident barred
 * by a false promise is refused then and there, before anything is
 * printed, with the reason and the end date kept for the screen to show
 * in full (the message line is one line). A refusal the server makes
 * itself at submission is read here too.
 */
#ifndef TUI_PROMISE_UI_H
#define TUI_PROMISE_UI_H

struct api_result;

/* A question about one resident; the caller keeps it alive as long as
 * the screen that asks (owner), whose requests the kit cancels. */
struct promise_ask {
	void	(*ok)(void *arg);	/* they may promise */
	void	 *arg;
	char	 *barred;		/* why not, in full; NULL: not
					   refused (owned) */
};

/* Asks in owner's request slot; ok runs when the resident may promise,
 * else barred says why (and the message line, in short). */
void	promise_ui_ask(struct promise_ask *, const void *owner, int slot,
	    long long resident_id);
/* 1 when r is the server's 422 promise-barred, having said why as
 * promise_ui_ask does. */
int	promise_ui_refused(struct promise_ask *, const struct api_result *);
/* Frees what the question holds. */
void	promise_ui_clear(struct promise_ask *);
/* "unchecked", "truthful", "false" as the clerk reads them. */
const char *promise_ui_status(const char *status);

#endif
