/* Dates and times as they are printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

const char *
paper_or_dash(const char *s)
{
	return (s != NULL && *s != '\0' ? s : "-");
}

/* Dates print the Chinese way. */
char *
paper_date(const char *iso)
{
	int	y, m, d, n = 0;

	if (iso == NULL)
		return (xstrdup(""));
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    iso[n] == '\0' && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		return (xasprintf("%d年%d月%d日", y, m, d));
	return (xstrdup(iso));
}

/* Instants print in local time, to the minute. */
char *
paper_time(time_t t)
{
	struct tm	tm;
	char		s[32];

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof s, "%Y-%m-%d %H:%M", &tm) == 0)
		return (xstrdup("?"));
	return (xstrdup(s));
}

/* An instant as an id part, so that ids sort by time. */
char *
paper_stamp(time_t t)
{
	struct tm	tm;
	char		s[32];

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof s, "%Y%m%d%H%M%S", &tm) == 0)
		return (xstrdup("0"));
	return (xstrdup(s));
}

static unsigned	test_pages;

/* The test page: every width the layout must get right, and a QR. */
struct pdoc *
paper_test_page(const char *printer, int columns, time_t at)
{
	struct pdoc	*d;
	char		*id, *when = paper_time(at), *stamp = paper_stamp(at);
	char		*ruler;
	int		 i;

	/* every press prints: two in one second, or in two runs of the
	 * client, are different pages to the print journal */
	id = xasprintf("test-%s-%s-%ld-%u", printer != NULL ? printer : "file",
	    stamp, (long)getpid(), ++test_pages);
	d = pdoc_new(id, "test", PDOC_ROLL, "打印测试页");
	pdoc_text(d, PEL_CENTER, PEL_BIG, "打印测试");
	pdoc_rule(d);
	pdoc_field(d, "打印机", printer != NULL ? printer : "-");
	pdoc_field(d, "时间", when);
	ruler = xmalloc(columns + 1);
	for (i = 0; i < columns; i++)
		ruler[i] = '0' + (i + 1) % 10;
	ruler[columns] = '\0';
	pdoc_text(d, PEL_LEFT, 0, ruler);
	pdoc_text(d, PEL_LEFT, 0, "中文一行：便民服务·窗口受理—测试");
	pdoc_text(d, PEL_CENTER, PEL_BOLD, "粗体 居中");
	pdoc_text(d, PEL_RIGHT, PEL_DHEIGHT, "倍高 靠右");
	pdoc_qr(d, "bianmin-test", "二维码测试");
	pdoc_cut(d);
	free(ruler);
	free(id);
	free(when);
	free(stamp);
	return (d);
}
