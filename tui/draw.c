/* Width-exact drawing with the ncursesw wide-character calls. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

static attr_t	styles[STYLE_DIM + 1];

/* Colour when the terminal has it and NO_COLOR is unset; attributes
 * alone otherwise, so every style stays distinguishable in monochrome. */
void
draw_init_styles(void)
{
	const char	*nc = getenv("NO_COLOR");
	int		 color = has_colors() && (nc == NULL || *nc == '\0');

	styles[STYLE_NORMAL] = A_NORMAL;
	styles[STYLE_BAR] = A_REVERSE;
	styles[STYLE_KEY] = A_BOLD;
	styles[STYLE_TITLE] = A_BOLD;
	styles[STYLE_LABEL] = A_NORMAL;
	styles[STYLE_FIELD] = A_UNDERLINE;
	styles[STYLE_SELECTED] = A_REVERSE;
	styles[STYLE_ERROR] = A_BOLD;
	styles[STYLE_DIM] = A_DIM;
	if (!color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_YELLOW, COLOR_BLUE);
	init_pair(3, COLOR_RED, -1);
	init_pair(4, COLOR_CYAN, -1);
	styles[STYLE_BAR] = COLOR_PAIR(1);
	styles[STYLE_KEY] = COLOR_PAIR(2) | A_BOLD;
	styles[STYLE_ERROR] = COLOR_PAIR(3) | A_BOLD;
	styles[STYLE_TITLE] = COLOR_PAIR(4) | A_BOLD;
}

attr_t
draw_attr(enum style s)
{
	return (styles[s]);
}

/* Text that does not fit is cut by columns, never inside a number, and
 * marked with "...": ASCII, one column a dot on every terminal, where
 * U+2026 is ambiguous width (one column in zh_CN.UTF-8, two in GB18030)
 * and our own chrome must not move with the ambiguous-width setting. */
#define CUT_MARK	"..."

static int	draw_cut(int, int, const char *, int, enum style);

int
draw_text(int y, int x, const char *s, int maxcols, enum style st)
{
	char	*head;
	int	 used;

	if (maxcols <= (int)sizeof CUT_MARK || text_width(s) <= maxcols)
		return (draw_cut(y, x, s, maxcols, st));
	head = xstrndup(s, text_fit_whole(s, maxcols - 3, &used));
	used = draw_cut(y, x, head, used, st);
	free(head);
	return (used + draw_cut(y, x + used, CUT_MARK, 3, st));
}

/* The one place text reaches curses: each character as the terminal's
 * charset can show it, cut by columns, never half a wide one. */
static int
draw_cut(int y, int x, const char *s, int maxcols, enum style st)
{
	size_t		len = strlen(s), n;
	uint32_t	cp;
	cchar_t		cc;
	wchar_t		wc[2];
	int		col = 0, cw;

	if (maxcols <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return (0);
	if (x + maxcols > COLS)
		maxcols = COLS - x;
	move(y, x);
	while ((n = utf8_decode(s, len, &cp)) != 0) {
		s += n;
		len -= n;
		cp = text_terminal_cp(cp);
		cw = text_cpwidth(cp);
		if (col + cw > maxcols)
			break;
		wc[0] = (wchar_t)cp;
		wc[1] = L'\0';
		/* the colour pair goes in its own argument: in the
		 * attributes setcchar() would drop it */
		setcchar(&cc, wc, draw_attr(st) & ~A_COLOR,
		    PAIR_NUMBER(draw_attr(st)), NULL);
		add_wch(&cc);
		col += cw;
	}
	return (col);
}

int
draw_lines(int y, int x, const char *s, int maxcols, int maxrows,
    enum style st)
{
	const char	*nl;
	char		*line;
	int		 rows = 0;

	while (rows + 1 < maxrows && (nl = strchr(s, '\n')) != NULL) {
		line = xstrndup(s, (size_t)(nl - s));
		draw_text(y + rows++, x, line, maxcols, st);
		free(line);
		s = nl + 1;
	}
	draw_text(y + rows++, x, s, maxcols, st);
	return (rows);
}

int
draw_wrap(int y, int x, const char *s, int maxcols, int maxrows,
    enum style st)
{
	char	*line;
	size_t	 n;
	int	 rows = 0, used;

	while (*s != '\0' && rows < maxrows) {
		if (rows + 1 == maxrows || (n = text_fit(s, maxcols, &used)) ==
		    strlen(s)) {
			draw_text(y + rows++, x, s, maxcols, st);
			break;
		}
		if (n == 0)
			break;
		line = xstrndup(s, n);
		draw_text(y + rows++, x, line, maxcols, st);
		free(line);
		s += n;
	}
	return (rows);
}

int
draw_text_right(int y, int x_end, const char *s, int maxcols,
    enum style st)
{
	int	w = text_width(s);

	if (w > maxcols)
		w = maxcols;
	return (draw_text(y, x_end - w, s, w, st));
}

int
draw_field(int y, int x, const char *label, const char *value, int maxx)
{
	x += draw_text(y, x, label, maxx - x, STYLE_LABEL);
	x += draw_text(y, x, ": ", maxx - x, STYLE_LABEL);
	x += draw_text(y, x, value, maxx - x, STYLE_NORMAL);
	return (x + 3);
}

void
draw_fill(int y, int x, int cols, enum style st)
{
	if (y < 0 || y >= LINES || x < 0 || cols <= 0)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	attrset(draw_attr(st));
	mvhline(y, x, ' ', cols);
	attrset(A_NORMAL);
}

void
draw_cell(int y, int x, const char *s, int cols, enum style st)
{
	int	used;

	used = draw_text(y, x, s, cols, st);
	draw_fill(y, x + used, cols - used, st);
}

void
draw_hline(int y, int x, int cols)
{
	if (y >= 0 && y < LINES && cols > 0)
		mvhline(y, x, ACS_HLINE, cols);
}

void
draw_section(int y, int cols, const char *title)
{
	char	*t = xasprintf(" %s ", title);

	draw_hline(y, 0, cols);
	draw_text(y, 2, t, cols - 4, STYLE_LABEL);
	free(t);
}

/* Blanks the wide character that column x of row y would cut in half,
 * if any. Drawing over half of it makes the terminal blank the other
 * half while curses still counts it as shown, and it would not be
 * drawn again once the box has gone. */
static void
unsplit(int y, int x)
{
	cchar_t	cc;
	wchar_t	wc[CCHARW_MAX + 1];
	attr_t	a;
	short	pair;
	int	c = 0, w;

	while (c < x && c < COLS) {
		if (mvin_wch(y, c, &cc) == ERR ||
		    getcchar(&cc, wc, &a, &pair, NULL) == ERR)
			return;
		w = text_cpwidth((uint32_t)wc[0]);
		if (w == 2 && c + 1 == x) {
			mvaddch(y, c, ' ');
			return;
		}
		c += w > 0 ? w : 1;
	}
}

/* Insides first, then the sides: a wide character under a side has its
 * other half blanked when the inside is drawn, and a side drawn after
 * that stays. Drawn the other way round, blanking that half took the
 * side with it. */
void
draw_box(int y, int x, int rows, int cols)
{
	int	i;

	if (rows < 2 || cols < 2)
		return;
	for (i = 0; i < rows; i++) {
		unsplit(y + i, x);
		unsplit(y + i, x + cols);
	}
	mvhline(y, x + 1, ACS_HLINE, cols - 2);
	for (i = 1; i < rows - 1; i++)
		mvhline(y + i, x + 1, ' ', cols - 2);
	mvhline(y + rows - 1, x + 1, ACS_HLINE, cols - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + cols - 1, ACS_URCORNER);
	for (i = 1; i < rows - 1; i++) {
		mvaddch(y + i, x, ACS_VLINE);
		mvaddch(y + i, x + cols - 1, ACS_VLINE);
	}
	mvaddch(y + rows - 1, x, ACS_LLCORNER);
	mvaddch(y + rows - 1, x + cols - 1, ACS_LRCORNER);
}
