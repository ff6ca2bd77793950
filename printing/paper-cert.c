/* The certificate (A4): heading, title, serial, body, seal, QR, and the
 * link to rate its issue at the foot. */
#include <stdlib.h>
#include <string.h>

#include "paper-cert.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

/* "K7QM3XPD" as "K7QM 3XPD", easier to read aloud and type. */
static char *
code_groups(const char *code)
{
	if (code == NULL)
		return (xstrdup("-"));
	if (strlen(code) == 8)
		return (xasprintf("%.4s %.4s", code, code + 4));
	return (xstrdup(code));
}

/* Whether a line is the date of a sign-off: "2026年11月29日". */
static int
is_date_line(const char *s)
{
	const char	*y = strstr(s, "年"), *d = strstr(s, "日");

	return (y != NULL && d != NULL && y < d && strlen(s) <= 20 &&
	    d[strlen("日")] == '\0');
}

/* Splits the body into lines; returns how many end the text as its
 * sign-off (the issuer and a date after the last blank line), 0 if it
 * has none. */
static size_t
body_lines(const char *body, char ***out, size_t *n)
{
	char	*copy = xstrdup(body != NULL ? body : ""), *line, *next;
	char	**lines = NULL;
	size_t	 count = 0, signoff = 0;

	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lines = xreallocarray(lines, count + 1, sizeof *lines);
		lines[count++] = xstrdup(line);
	}
	free(copy);
	while (count > 0 && *lines[count - 1] == '\0')
		free(lines[--count]);
	if (count >= 3 && is_date_line(lines[count - 1]) &&
	    *lines[count - 3] == '\0')
		signoff = 2;
	*out = lines;
	*n = count;
	return (signoff);
}

/* The body as paragraphs, and the sign-off where the seal goes. */
static void
body(struct pdoc *d, const struct paper_certificate *c)
{
	char	**lines, *date;
	size_t	  n, i, signoff;

	signoff = body_lines(c->body, &lines, &n);
	for (i = 0; i < n - signoff; i++)
		if (*lines[i] != '\0')
			pdoc_para(d, lines[i]);
	if (signoff)
		pdoc_seal(d, lines[n - 2], lines[n - 1]);
	else {
		date = paper_date(c->issued_on);
		pdoc_seal(d, c->issuer, date);
		free(date);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The short link to the page where the resident rates the issue, two
 * lines at the foot under the QR code, which stays the verification's:
 * the link has a line of its own, to be typed as printed. */
static void
rating_link(struct pdoc *d, const char *url)
{
	if (url == NULL || *url == '\0')
		return;
	pdoc_text(d, PEL_LEFT, PEL_SMALL|PEL_FOOT, "评价本次服务（手机打开）：");
	pdoc_text(d, PEL_LEFT, PEL_SMALL|PEL_FOOT, url);
}

/* The A4 certificate a community signs and stamps. */
struct pdoc *
paper_certificate(const struct paper_certificate *c)
{
	struct pdoc	*d;
	char		*id, *code, *caption, *until;

	id = xasprintf("cert-%ld", c->id);
	d = pdoc_new(id, "certificate", PDOC_A4, c->title);
	free(id);
	pdoc_text(d, PEL_CENTER, PEL_BOLD|PEL_DHEIGHT,
	    c->issuer != NULL ? c->issuer : "");
	pdoc_text(d, PEL_CENTER, PEL_BIG, c->title != NULL ? c->title : "");
	pdoc_text(d, PEL_RIGHT, 0, c->serial != NULL ? c->serial : "");
	body(d, c);
	code = code_groups(c->verify_code);
	until = paper_date(c->valid_until);
	caption = xasprintf("核验码：%s\n扫描二维码或凭核验码核验真伪%s%s", code,
	    *until != '\0' ? "\n有效期至" : "", until);
	pdoc_qr(d, c->verify_url != NULL ? c->verify_url : "", caption);
	rating_link(d, c->rate_url);
	free(caption);
	free(until);
	free(code);
	return (d);
}
