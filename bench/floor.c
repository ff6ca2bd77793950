/*
 * The floor: the least a C ncursesw program can do to show bianmin's login
 * form (and, with --list, its lookup screen and a paged result list), with
 * the same text, layout and styles. The benchmarks compare bianmin with
 * this program; it has no network, no files and no state beyond the screen.
 * With --plain, typed text is drawn without the field's underline (only the
 * empty rest of a field is underlined): what one echo costs then.
 */
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "../util/version.h"

#define NFIELDS		3
#define FIELD_COLS	24
#define MAXCHARS	128
#define MAXROWS		64
#define MAXPAGES	8
#define NCOLS		6

enum style { S_NORMAL, S_BAR, S_KEY, S_TITLE, S_FIELD, S_SELECTED, S_DIM };

struct field {
	const char	*label;
	wchar_t		 text[MAXCHARS + 1];
	int		 len;
	int		 max;
	int		 secret;
};

struct page {
	int		 page, pages;
	long		 total;
	int		 n;
	char		*cell[MAXROWS][NCOLS];
};

static struct field	fields[NFIELDS] = {
	{ "Staff", L"", 0, 32, 0 },
	{ "Password", L"", 0, 128, 1 },
	{ "Counter", L"", 0, 8, 0 },
};
static int		focus;
static int		list_mode;
static int		plain;		/* typed text without the underline */
static struct field	input = { "ID number / name / mobile", L"", 0, 50, 0 };
static char		status_left[512] = " bianmin";
static struct page	pages[MAXPAGES];
static int		npages;
static int		shown = -1;	/* page on screen, -1 for none */

static attr_t	styles[S_DIM + 1];
static short	pairs[S_DIM + 1];

static void
styles_init(void)
{
	styles[S_BAR] = A_REVERSE;
	styles[S_KEY] = A_BOLD;
	styles[S_TITLE] = A_BOLD;
	styles[S_FIELD] = A_UNDERLINE;
	styles[S_SELECTED] = A_REVERSE;
	styles[S_DIM] = A_DIM;
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_YELLOW, COLOR_BLUE);
	init_pair(4, COLOR_CYAN, -1);
	styles[S_BAR] = A_NORMAL;
	pairs[S_BAR] = 1;
	pairs[S_KEY] = 2;
	pairs[S_TITLE] = 4;
}

/* Draws UTF-8 text at y, x in at most max columns; returns the columns. */
static int
text(int y, int x, const char *s, int max, enum style st)
{
	mbstate_t	ps;
	wchar_t		wc[2] = { 0, 0 };
	cchar_t		cc;
	size_t		n, len = strlen(s);
	int		col = 0, w;

	memset(&ps, 0, sizeof ps);
	move(y, x);
	while (len > 0 && (n = mbrtowc(&wc[0], s, len, &ps)) != 0) {
		if (n == (size_t)-1 || n == (size_t)-2)
			break;
		s += n;
		len -= n;
		if ((w = wcwidth(wc[0])) < 0)
			w = 1;
		if (col + w > max)
			break;
		setcchar(&cc, wc, styles[st], pairs[st], NULL);
		add_wch(&cc);
		col += w;
	}
	return (col);
}

static int
width(const char *s)
{
	wchar_t	wcs[512];
	size_t	n = mbstowcs(wcs, s, 511);

	if (n == (size_t)-1)
		return ((int)strlen(s));
	return (wcswidth(wcs, n));
}

static void
fill(int y, int x, int n, enum style st)
{
	attr_set(styles[st], pairs[st], NULL);
	mvhline(y, x, ' ', n);
	attr_set(A_NORMAL, 0, NULL);
}

/* Draws a field; returns the cursor column. */
static int
field_draw(struct field *f, int y, int x, int cols)
{
	wchar_t	wc[2] = { 0, 0 };
	cchar_t	cc;
	int	i, col = 0, w;

	move(y, x);
	for (i = 0; i < f->len; i++) {
		wc[0] = f->secret ? L'*' : f->text[i];
		w = wcwidth(wc[0]);
		if (col + w > cols)
			break;
		setcchar(&cc, wc, plain ? A_NORMAL : styles[S_FIELD], 0, NULL);
		add_wch(&cc);
		col += w;
	}
	fill(y, x + col, cols - col, S_FIELD);
	return (x + col);
}

static void
bars_draw(const char *keys[][2])
{
	char		 clock[32];
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 x, right;

	fill(0, 0, COLS, S_BAR);
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%m-%d %H:%M", &tm);
	right = width(clock);
	text(0, COLS - 1 - right, clock, right, S_BAR);
	text(0, 0, status_left, COLS - right - 14, S_BAR);
	text(0, COLS - right - 2 - 6, "Online", 6, S_BAR);
	fill(LINES - 1, 0, COLS, S_BAR);
	for (x = 1; keys[0][0] != NULL; keys++) {
		x += text(LINES - 1, x, keys[0][0], COLS - x, S_KEY) + 1;
		x += text(LINES - 1, x, keys[0][1], COLS - x, S_BAR) + 2;
	}
}

static void
login_draw(void)
{
	static const char	*keys[][2] = {
		{ "Enter", "Next / log in" }, { "F1", "Help" },
		{ "F10", "Quit" }, { NULL, NULL }
	};
	const char		*title = "Community service counter - log in";
	int			 i, y, x, lw = 8, cy = 0, cx = 0, c;

	bars_draw(keys);
	x = (COLS - (lw + 2 + FIELD_COLS)) / 2;
	y = 1 + (LINES - 3) / 2 - 4;
	text(y, (COLS - width(title)) / 2, title, COLS, S_TITLE);
	for (y += 2, i = 0; i < NFIELDS; i++, y += 2) {
		text(y, x + lw - width(fields[i].label), fields[i].label, lw,
		    S_NORMAL);
		text(y, x + lw, ":", 1, S_NORMAL);
		c = field_draw(&fields[i], y, x + lw + 2, FIELD_COLS);
		if (i == focus) {
			cy = y;
			cx = c;
		}
	}
	text(y, x, "bianmin " BIANMIN_VERSION, COLS - x, S_DIM);
	move(cy, cx);
}

/* bianmin's table layout: widest value or title, the address grows. */
static void
layout(const struct page *p, int *w)
{
	static const char	*titles[NCOLS] = {
		"Name", "Sex", "Age", "ID number", "Community", "Address"
	};
	static const int	 mins[NCOLS] = { 6, 2, 3, 18, 8, 0 };
	int			 i, r, used = 1;

	for (i = 0; i < NCOLS; i++) {
		w[i] = mins[i] > width(titles[i]) ? mins[i] : width(titles[i]);
		for (r = 0; i < NCOLS - 1 && r < p->n; r++) {
			if (width(p->cell[r][i]) > w[i])
				w[i] = width(p->cell[r][i]);
		}
		used += w[i] + 1;
	}
	if (used < COLS)
		w[NCOLS - 1] += COLS - used;
	else
		w[NCOLS - 1] -= used - COLS;
}

static void
row_draw(int y, int *w, char *const *cells, enum style st)
{
	int	i, x = 1;

	fill(y, 0, COLS, st);
	for (i = 0; i < NCOLS; i++) {
		text(y, x, cells[i], w[i], st);
		x += w[i] + 1;
	}
}

static void
list_draw(void)
{
	static const char	*keys[][2] = {
		{ "Enter", "Search / open" }, { "PgDn/PgUp", "Page" },
		{ "Esc", "Back" }, { "F1", "Help" }, { "F10", "Quit" },
		{ NULL, NULL }
	};
	static char		*titles[NCOLS] = {
		"Name", "Sex", "Age", "ID number", "Community", "Address"
	};
	struct page		*p = shown >= 0 ? &pages[shown] : NULL;
	char			 info[128];
	int			 w[NCOLS], y, r, c, lw;

	bars_draw(keys);
	lw = width(input.label) + 2;
	text(2, 1, input.label, COLS - 2, S_NORMAL);
	text(2, lw - 1, ":", 1, S_NORMAL);
	c = field_draw(&input, 2, 1 + lw, 40);
	mvhline(3, 0, ACS_HLINE, COLS);
	if (p == NULL) {
		text(5, 2, "Scan the ID card: the reader types the number and "
		    "Enter. A name or a mobile number works too.", COLS - 4,
		    S_DIM);
		move(2, c);
		return;
	}
	layout(p, w);
	row_draw(4, w, titles, S_NORMAL);
	for (r = 0, y = 5; r < p->n && y < LINES - 3; r++, y++)
		row_draw(y, w, p->cell[r], r == 0 ? S_SELECTED : S_NORMAL);
	snprintf(info, sizeof info, "Page %d of %d, %ld residents", p->page,
	    p->pages, p->total);
	text(LINES - 3, 1, info, COLS - 2, S_DIM);
}

static void
redraw(void)
{
	erase();
	if (list_mode)
		list_draw();
	else
		login_draw();
	curs_set(list_mode && shown >= 0 ? 0 : 1);
	refresh();
}

static int
field_key(struct field *f, wint_t wc)
{
	if (wc == 0x7f || wc == 0x08) {
		if (f->len > 0)
			f->len--;
		return (1);
	}
	if (wc == 0x15) {
		f->len = 0;
		return (1);
	}
	if (wc < 0x20 || f->len >= f->max)
		return (0);
	f->text[f->len++] = (wchar_t)wc;
	return (1);
}

/* One key; returns 0 to quit. */
static int
key(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES) {
		switch (wc) {
		case KEY_F(10):
			return (0);
		case KEY_BACKSPACE:
			field_key(list_mode ? &input : &fields[focus], 0x7f);
			break;
		case KEY_DOWN:
			focus = (focus + 1) % NFIELDS;
			break;
		case KEY_UP:
		case KEY_BTAB:
			focus = (focus + NFIELDS - 1) % NFIELDS;
			break;
		case KEY_NPAGE:
			if (shown >= 0 && shown + 1 < npages)
				shown++;
			break;
		case KEY_PPAGE:
			if (shown > 0)
				shown--;
			break;
		}
		return (1);
	}
	if (wc == 0x11)
		return (0);
	if (list_mode) {
		if (wc == '\r' && input.len > 0 && npages > 0)
			shown = 0;
		else if (wc == 0x1b)
			shown = -1;
		else
			field_key(&input, wc);
	} else if (wc == '\t' || wc == '\r')
		focus = (focus + 1) % NFIELDS;
	else
		field_key(&fields[focus], wc);
	return (1);
}

static char *
xstrdup(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL) {
		perror("floor");
		exit(1);
	}
	return (p);
}

/* Reads a list file: "S\tstatus", "P\tpage\tpages\ttotal", "R\tcells". */
static void
list_load(const char *path)
{
	FILE		*f = fopen(path, "r");
	char		 line[2048], *cp, *tab;
	struct page	*p = NULL;
	int		 i;

	if (f == NULL) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'S' && line[1] == '\t') {
			strncpy(status_left, line + 2, sizeof status_left - 1);
			status_left[sizeof status_left - 1] = '\0';
		} else if (line[0] == 'P' && npages < MAXPAGES) {
			p = &pages[npages++];
			sscanf(line + 2, "%d\t%d\t%ld", &p->page, &p->pages,
			    &p->total);
		} else if (line[0] == 'R' && p != NULL && p->n < MAXROWS) {
			cp = line + 2;
			for (i = 0; i < NCOLS; i++) {
				if ((tab = strchr(cp, '\t')) != NULL)
					*tab = '\0';
				p->cell[p->n][i] = xstrdup(cp);
				cp = tab != NULL ? tab + 1 : cp + strlen(cp);
			}
			p->n++;
		}
	}
	fclose(f);
}

static void
usage(void)
{
	fprintf(stderr, "usage: floor [--counter N] [--plain] [--list FILE]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct pollfd	pfd = { STDIN_FILENO, POLLIN, 0 };
	wint_t		wc;
	time_t		now;
	int		i, rc, run = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--counter") == 0 && i + 1 < argc) {
			i++;
			for (rc = 0; argv[i][rc] != '\0' && rc < 8; rc++)
				fields[2].text[rc] = (wchar_t)argv[i][rc];
			fields[2].len = rc;
		} else if (strcmp(argv[i], "--plain") == 0)
			plain = 1;
		else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc) {
			list_load(argv[++i]);
			list_mode = 1;
		} else
			usage();
	}
	setlocale(LC_ALL, "");
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(50);
	styles_init();
	redraw();
	while (run) {
		now = time(NULL);
		if (poll(&pfd, 1, (int)(60 - now % 60) * 1000) == -1 &&
		    errno != EINTR)
			break;
		if (pfd.revents & (POLLHUP | POLLERR))
			break;
		while (run && (rc = get_wch(&wc)) != ERR)
			run = key(rc, wc);
		if (run)
			redraw();
	}
	endwin();
	return (0);
}
