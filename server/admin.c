/* `bianmind admin`: the commands' table, and running one. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin-common.h"
#include "admin.h"
#include "db.h"
#include "options.h"
#include "../util/log.h"

static const struct admin_command *const commands[] = {
	&admin_staff_command,
	&admin_purpose_command,
	&admin_org_command,
	&admin_catalog_command,
	&admin_residents_command,
	&admin_calendar_command,
	&admin_backup_command,
	&admin_exchange_command,
	&admin_kiosk_command,
};

/* The usage of one command, or of all when command is NULL; 2. */
static int
admin_usage(const char *command)
{
	size_t	i;

	for (i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (command == NULL || strcmp(commands[i]->name, command) == 0)
			fprintf(stderr, "usage: bianmind admin %s\n",
			    commands[i]->usage);
	}
	return (ADMIN_USAGE);
}

/* The Unix account behind the command: the sudo caller's name when
 * root runs it through sudo, else the real user's. */
static void
who_runs(struct admin *a)
{
	const char	*sudo = getenv("SUDO_USER");
	struct passwd	*pw = getpwuid(getuid());

	if (getuid() == 0 && sudo != NULL && *sudo != '\0')
		snprintf(a->who, sizeof a->who, "unix:%s", sudo);
	else if (pw != NULL)
		snprintf(a->who, sizeof a->who, "unix:%s", pw->pw_name);
	else
		snprintf(a->who, sizeof a->who, "unix:%u", (unsigned)getuid());
}

int
admin_main(struct options *o)
{
	struct admin	 a;
	size_t		 i;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.o = o;
	a.argc = o->admin_argc - 1;
	a.argv = o->admin_argv + 1;
	if (o->verbose)
		log_to_stderr();
	log_set_verbose(o->verbose);
	who_runs(&a);
	if (a.argc < 1 || strcmp(a.argv[0], "help") == 0 ||
	    strcmp(a.argv[0], "--help") == 0)
		return (admin_usage(NULL) - (a.argc >= 1 ? 2 : 0));
	for (i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(commands[i]->name, a.argv[0]) != 0)
			continue;
		if ((rc = commands[i]->run(&a)) == ADMIN_USAGE)
			admin_usage(commands[i]->name);
		db_close(a.db);
		return (rc);
	}
	admin_fail("no admin command %s", a.argv[0]);
	return (admin_usage(NULL));
}
