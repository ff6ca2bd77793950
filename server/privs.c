/* Root's part of starting: the socket, then another account. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "privs.h"
#include "../util/xmalloc.h"

/* ADDR:PORT or [ADDR6]:PORT into a socket address. */
static int
parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in	*in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*in6 = (struct sockaddr_in6 *)ss;
	const char		*colon = strrchr(s, ':');
	char			 host[64];
	char			*end;
	long			 port;
	size_t			 hlen;

	if (colon == NULL)
		return (-1);
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || colon[1] == '\0' || port < 0 || port > 65535)
		return (-1);
	hlen = (size_t)(colon - s);
	if (hlen >= sizeof host)
		return (-1);
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	memset(ss, 0, sizeof *ss);
	if (host[0] == '[' && hlen > 2 && host[hlen - 1] == ']') {
		host[hlen - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof *in6;
		return (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) == 1 ?
		    0 : -1);
	}
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	*len = sizeof *in4;
	return (inet_pton(AF_INET, host, &in4->sin_addr) == 1 ? 0 : -1);
}

int
privs_listen(const char *listen_on, char **cause)
{
	struct sockaddr_storage	ss;
	socklen_t		len;
	int			fd, on = 1;

	if (parse_listen(listen_on, &ss, &len) != 0) {
		*cause = xasprintf("bad --listen %s (want ADDR:PORT)",
		    listen_on);
		return (-1);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on,
	    sizeof on) != 0 || (ss.ss_family == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) != 0) ||
	    bind(fd, (struct sockaddr *)&ss, len) != 0 ||
	    listen(fd, 128) != 0) {
		*cause = xasprintf("cannot listen on %s: %s", listen_on,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	return (fd);
}

/* Becomes uid and gid with the groups of name; 0 or -1 with *cause. */
static int
become(const char *name, uid_t uid, gid_t gid, char **cause)
{
	if (initgroups(name, gid) != 0 || setgid(gid) != 0 ||
	    setuid(uid) != 0) {
		*cause = xasprintf("cannot become %s: %s", name,
		    strerror(errno));
		return (-1);
	}
	/* setuid(0) must fail now, or the drop did not happen */
	if (uid != 0 && setuid(0) == 0) {
		*cause = xasprintf("could not drop root for %s", name);
		return (-1);
	}
	return (0);
}

int
privs_drop(const char *user, char **cause)
{
	struct passwd	*pw;

	if (geteuid() != 0)
		return (0);
	if (user == NULL) {
		*cause = xstrdup("refusing to serve as root: give --user "
		    "NAME (or user = NAME in the config file), the account "
		    "to serve as once the address is bound; --user root "
		    "stays root");
		return (-1);
	}
	if (strcmp(user, "root") == 0)
		return (0);
	if ((pw = getpwnam(user)) == NULL) {
		*cause = xasprintf("no such user: %s", user);
		return (-1);
	}
	return (become(pw->pw_name, pw->pw_uid, pw->pw_gid, cause));
}

int
privs_become_owner(const char *path, char **cause)
{
	struct passwd	*pw;
	struct stat	 sb;
	char		*dir, *slash;
	int		 rc;

	if (geteuid() != 0)
		return (0);
	/* a database not made yet will be its folder owner's: the
	 * service's state folder */
	if (stat(path, &sb) != 0) {
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		rc = stat(slash != NULL ? dir : ".", &sb);
		free(dir);
		if (rc != 0)
			return (0);
	}
	if (sb.st_uid == 0)
		return (0);
	if ((pw = getpwuid(sb.st_uid)) == NULL) {
		*cause = xasprintf("%s belongs to uid %u, who has no account",
		    path, (unsigned)sb.st_uid);
		return (-1);
	}
	return (become(pw->pw_name, sb.st_uid, sb.st_gid, cause));
}
