/* A 5x5 font for ticket numbers: digits and the queue prefixes. The
 * zero is slashed so that it is never read as the letter O. */
#include <string.h>

#include "bigtext.h"

static const struct {
	char		 c;
	const char	*rows[BIGTEXT_ROWS];
} font[] = {
	{ '0', { " ### ", "#  ##", "# # #", "##  #", " ### " } },
	{ '1', { "  #  ", " ##  ", "  #  ", "  #  ", " ### " } },
	{ '2', { " ### ", "#   #", "  ## ", " #   ", "#####" } },
	{ '3', { "#### ", "    #", " ### ", "    #", "#### " } },
	{ '4', { "#  # ", "#  # ", "#####", "   # ", "   # " } },
	{ '5', { "#####", "#    ", "#### ", "    #", "#### " } },
	{ '6', { " ### ", "#    ", "#### ", "#   #", " ### " } },
	{ '7', { "#####", "    #", "   # ", "  #  ", "  #  " } },
	{ '8', { " ### ", "#   #", " ### ", "#   #", " ### " } },
	{ '9', { " ### ", "#   #", " ####", "    #", " ### " } },
	{ 'A', { " ### ", "#   #", "#####", "#   #", "#   #" } },
	{ 'B', { "#### ", "#   #", "#### ", "#   #", "#### " } },
	{ 'C', { " ####", "#    ", "#    ", "#    ", " ####" } },
	{ 'D', { "#### ", "#   #", "#   #", "#   #", "#### " } },
	{ 'E', { "#####", "#    ", "#### ", "#    ", "#####" } },
	{ 'F', { "#####", "#    ", "#### ", "#    ", "#    " } },
	{ 'G', { " ####", "#    ", "#  ##", "#   #", " ####" } },
	{ 'H', { "#   #", "#   #", "#####", "#   #", "#   #" } },
	{ 'I', { "#####", "  #  ", "  #  ", "  #  ", "#####" } },
	{ 'J', { "#####", "   # ", "   # ", "#  # ", " ##  " } },
	{ 'K', { "#   #", "#  # ", "###  ", "#  # ", "#   #" } },
	{ 'L', { "#    ", "#    ", "#    ", "#    ", "#####" } },
	{ 'M', { "#   #", "## ##", "# # #", "#   #", "#   #" } },
	{ 'N', { "#   #", "##  #", "# # #", "#  ##", "#   #" } },
	{ 'O', { " ### ", "#   #", "#   #", "#   #", " ### " } },
	{ 'P', { "#### ", "#   #", "#### ", "#    ", "#    " } },
	{ 'Q', { " ### ", "#   #", "# # #", "#  # ", " ## #" } },
	{ 'R', { "#### ", "#   #", "#### ", "#  # ", "#   #" } },
	{ 'S', { " ####", "#    ", " ### ", "    #", "#### " } },
	{ 'T', { "#####", "  #  ", "  #  ", "  #  ", "  #  " } },
	{ 'U', { "#   #", "#   #", "#   #", "#   #", " ### " } },
	{ 'V', { "#   #", "#   #", "#   #", " # # ", "  #  " } },
	{ 'W', { "#   #", "#   #", "# # #", "## ##", "#   #" } },
	{ 'X', { "#   #", " # # ", "  #  ", " # # ", "#   #" } },
	{ 'Y', { "#   #", " # # ", "  #  ", "  #  ", "  #  " } },
	{ 'Z', { "#####", "   # ", "  #  ", " #   ", "#####" } },
};

#define GLYPH_DOTS	5
#define GAP_DOTS	1

static const char *const *
glyph(char c)
{
	size_t	i;

	for (i = 0; i < sizeof font / sizeof *font; i++) {
		if (font[i].c == c)
			return (font[i].rows);
	}
	return (NULL);
}

int
bigtext_width(const char *s, int scale)
{
	size_t	n = strlen(s);

	if (n == 0)
		return (0);
	return ((int)(n * (GLYPH_DOTS + GAP_DOTS) - GAP_DOTS) * 2 * scale);
}

/* One dot: 2 * scale columns of '#' (a terminal cell is about twice as
 * tall as it is wide, so the dots come out square). */
static void
dot(int y, int x, int scale, enum style st)
{
	static const char	hashes[] = "################################";
	int			w = 2 * scale;

	if (w > (int)sizeof hashes - 1)
		w = (int)sizeof hashes - 1;
	draw_text(y, x, hashes, w, st);
}

void
bigtext_draw(int y, int x, const char *s, int scale, enum style st)
{
	const char *const	*g;
	int			 r, sr, c, gx;

	for (; *s != '\0'; s++, x += (GLYPH_DOTS + GAP_DOTS) * 2 * scale) {
		if ((g = glyph(*s)) == NULL)
			continue;
		for (r = 0; r < BIGTEXT_ROWS; r++) {
			for (sr = 0; sr < scale; sr++) {
				for (c = 0, gx = x; c < GLYPH_DOTS;
				    c++, gx += 2 * scale) {
					if (g[r][c] == '#')
						dot(y + r * scale + sr, gx,
						    scale, st);
				}
			}
		}
	}
}
