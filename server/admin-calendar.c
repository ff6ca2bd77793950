/* `bianmind admin calendar import FILE`: next year's schedule, checked
 * as the server reads it, put where the config file says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "admin-common.h"
#include "calendar.h"
#include "db.h"
#include "options.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

/* bianmind admin calendar import: the working-day calendar. */
static int
admin_calendar(struct admin *a)
{
	const char	*file, *dest = a->o->calendar;
	char		*cause = NULL, *data;
	size_t		 len;
	int		 rc;

	if (a->argc != 3 || strcmp(a->argv[1], "import") != 0)
		return (ADMIN_USAGE);
	file = a->argv[2];
	if (calendar_load(file, &cause) != 0) {
		rc = admin_fail("%s; nothing installed", cause);
		free(cause);
		return (rc);
	}
	if (dest == NULL)
		return (admin_fail("%s is sound, but the config file names no "
		    "calendar: add a line such as\n  calendar = "
		    "/var/lib/bianmin/calendar.txt\nto it (the one installed "
		    "with bianmind is replaced by upgrades) and run this "
		    "again", file));
	if ((rc = admin_open(a)) != 0)
		return (rc);
	if ((data = admin_read_file(file, &len)) == NULL)
		return (1);
	/* the calendar is no secret: the service's account reads it */
	if (paths_write_file(dest, data, len) != 0 || chmod(dest, 0644) != 0) {
		free(data);
		return (admin_fail("cannot write %s", dest));
	}
	free(data);
	if (admin_audit(a, "calendar_import", dest, NULL) != 0)
		return (admin_fail("cannot audit: %s", db_error(a->db)));
	printf("calendar installed in %s; a running bianmind takes it on "
	    "SIGHUP (systemctl reload bianmind)\n", dest);
	return (0);
}

const struct admin_command admin_calendar_command = {
	"calendar", admin_calendar,
	"calendar import FILE"
};
