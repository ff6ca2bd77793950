/* One table of the sequences keys send, for every terminal a counter
 * uses; keys.c reads every key with it, curses' keypad() never on. */
#include <string.h>

#include "keycodes.h"
#include "keyseq.h"

#define SEQ_MAX	32	/* longer is no key: swallowed */

/*
 * Where two terminals send one sequence for two keys, the one that
 * wins and why:
 * - ESC [ G: keypad 5 without NumLock on PuTTY's default and the Linux
 *   console, PgDn in PuTTY's SCO mode: nothing (PgDn is also Ctrl-F).
 * - ESC [ Z: Shift-Tab everywhere, Shift-F2 in SCO mode: Shift-Tab.
 * - ESC O P .. S: F1 .. F4 (xterm, VT100+, screen, tmux), also PF1 ..
 *   PF4 of a keypad in application mode (NumLock / * - in PuTTY's
 *   VT400 mode): F1 .. F4.
 * - ESC O X: F9 in VT100+, keypad = on a VT100: F9.
 * Every other key with Shift, Ctrl or Alt is swallowed.
 */
static const struct keyseq table[] = {
	/* cursor keys, normal and application mode */
	{ "\033[A", TK_UP }, { "\033[B", TK_DOWN },
	{ "\033[C", TK_RIGHT }, { "\033[D", TK_LEFT },
	{ "\033OA", TK_UP }, { "\033OB", TK_DOWN },
	{ "\033OC", TK_RIGHT }, { "\033OD", TK_LEFT },
	{ "\033[Z", TK_BTAB },
	/* the editing keys: VT220 (PuTTY, Linux, screen, tmux), xterm,
	 * rxvt (7~ 8~) and SCO (H F L I) */
	{ "\033[1~", TK_HOME }, { "\033[7~", TK_HOME },
	{ "\033[H", TK_HOME }, { "\033OH", TK_HOME },
	{ "\033[4~", TK_END }, { "\033[8~", TK_END },
	{ "\033[F", TK_END }, { "\033OF", TK_END },
	{ "\033[2~", TK_INSERT }, { "\033[L", TK_INSERT },
	{ "\033[3~", TK_DELETE },
	{ "\033[5~", TK_PGUP }, { "\033[I", TK_PGUP },
	{ "\033[6~", TK_PGDN },
	/* ESC[n~ (PuTTY's default, VT400, rxvt, Linux from F6) */
	{ "\033[11~", TK_F(1) }, { "\033[12~", TK_F(2) },
	{ "\033[13~", TK_F(3) }, { "\033[14~", TK_F(4) },
	{ "\033[15~", TK_F(5) }, { "\033[17~", TK_F(6) },
	{ "\033[18~", TK_F(7) }, { "\033[19~", TK_F(8) },
	{ "\033[20~", TK_F(9) }, { "\033[21~", TK_F(10) },
	{ "\033[23~", TK_F(11) }, { "\033[24~", TK_F(12) },
	/* Xterm R6 and 216+, screen, tmux: F1 .. F4; VT100+: F1 .. F12 */
	{ "\033OP", TK_F(1) }, { "\033OQ", TK_F(2) },
	{ "\033OR", TK_F(3) }, { "\033OS", TK_F(4) },
	{ "\033OT", TK_F(5) }, { "\033OU", TK_F(6) },
	{ "\033OV", TK_F(7) }, { "\033OW", TK_F(8) },
	{ "\033OX", TK_F(9) }, { "\033OY", TK_F(10) },
	{ "\033OZ", TK_F(11) }, { "\033O[", TK_F(12) },
	/* Linux console and PuTTY's Linux mode: F1 .. F5 */
	{ "\033[[A", TK_F(1) }, { "\033[[B", TK_F(2) },
	{ "\033[[C", TK_F(3) }, { "\033[[D", TK_F(4) },
	{ "\033[[E", TK_F(5) },
	/* SCO: F1 .. F12 */
	{ "\033[M", TK_F(1) }, { "\033[N", TK_F(2) },
	{ "\033[O", TK_F(3) }, { "\033[P", TK_F(4) },
	{ "\033[Q", TK_F(5) }, { "\033[R", TK_F(6) },
	{ "\033[S", TK_F(7) }, { "\033[T", TK_F(8) },
	{ "\033[U", TK_F(9) }, { "\033[V", TK_F(10) },
	{ "\033[W", TK_F(11) }, { "\033[X", TK_F(12) },
	/* the keypad in application mode types what it says; + is ESC O l
	 * on PuTTY and ESC O k on xterm */
	{ "\033Op", '0' }, { "\033Oq", '1' }, { "\033Or", '2' },
	{ "\033Os", '3' }, { "\033Ot", '4' }, { "\033Ou", '5' },
	{ "\033Ov", '6' }, { "\033Ow", '7' }, { "\033Ox", '8' },
	{ "\033Oy", '9' }, { "\033On", '.' }, { "\033OM", TK_ENTER },
	{ "\033Ok", '+' }, { "\033Ol", '+' }, { "\033Om", '-' },
	{ "\033Oj", '*' }, { "\033Oo", '/' },
	/* keypad 5 without NumLock (xterm, PuTTY, Linux): nothing */
	{ "\033[E", KS_NONE }, { "\033OE", KS_NONE },
	{ "\033[G", KS_NONE }, { "\033OG", KS_NONE },
};

const struct keyseq *
keyseq_table(size_t *n)
{
	*n = sizeof table / sizeof *table;
	return (table);
}

int
keyseq_find(const char *s, size_t len)
{
	size_t	i;

	if (len == 6 && memcmp(s, "\033[200~", 6) == 0)
		return (KS_PASTE_START);
	if (len == 6 && memcmp(s, "\033[201~", 6) == 0)
		return (KS_PASTE_END);
	for (i = 0; i < sizeof table / sizeof *table; i++) {
		if (strlen(table[i].seq) == len &&
		    memcmp(table[i].seq, s, len) == 0)
			return (table[i].key);
	}
	return (KS_UNKNOWN);
}

/* CSI and SS3: parameter bytes (0x30-0x3f) and intermediates
 * (0x20-0x2f), then one final byte (0x40-0x7e). Two exceptions: the
 * Linux console's ESC [ [ A .. E, and rxvt's Shift-F-keys, which end
 * in $ (ESC [ 2 3 $). */
int
keyseq_complete(const char *s, size_t len)
{
	size_t		i;
	unsigned char	c;

	if (len < 2)
		return (len == 1 ? 0 : -1);
	if (s[0] != '\033' || (s[1] != '[' && s[1] != 'O'))
		return (-1);
	if (s[1] == '[' && len >= 3 && s[2] == '[')
		return (len >= 4 ? 4 : 0);
	for (i = 2; i < len && i < SEQ_MAX; i++) {
		c = (unsigned char)s[i];
		if (c == '$' && i > 2)
			return ((int)i + 1);
		if (c >= 0x20 && c <= 0x3f)
			continue;
		return ((int)i + 1);	/* the final byte, or not a sequence */
	}
	return (i >= SEQ_MAX ? (int)i : 0);
}
