/* Message translation through gettext; msgids are English. */
#ifndef LOCALE_I18N_H
#define LOCALE_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

/* Binds the catalog. lang ("zh_CN", "en") forces a language; NULL
 * follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG. */
void		 i18n_init(const char *lang);
/* The language in use: "zh_CN" or "en". */
const char	*i18n_lang(void);

#endif
