/* bianmind's settings: one table of options read from the command line
 * and from a config file (INI, the long option's name as the key), the
 * command line winning. */
#ifndef SERVER_OPTIONS_H
#define SERVER_OPTIONS_H

struct options {
	char		*config;
	char		*db;
	char		*listen;
	char		*seed;
	char		*port_file;
	char		*log;
	char		*tls_cert;
	char		*tls_key;
	char		*public_url;
	char		*time_zone;
	char		*calendar;
	char		*trusted_proxies;
	char		*user;		/* whom to become when root */
	char		*db_password_file;
	/* the exchange with the upper level (docs/api.md 24) */
	char		*exchange_url;
	char		*exchange_key_file;
	char		*exchange_key_id;
	char		*exchange_ca_file;
	char		*exchange_inbound_keys;
	long		 exchange_retry_min;	/* ms */
	long		 exchange_retry_max;	/* ms */
	long		 exchange_timeout;	/* s */
	long		 exchange_inbound_window;	/* s */
	int		 exchange_allow_http;
	long		 residents;
	unsigned	 body_timeout;
	unsigned	 per_addr;
	unsigned long	 seed_number;
	unsigned	 threads;
	int		 verify_audit;
	int		 routes;
	int		 verbose;
	int		 admin_argc;	/* "admin" and what follows, or 0 */
	char		**admin_argv;
};

/* The command line (and the file --config names) into o; exits 2 with
 * a message on a mistake, 0 after --help or --version. */
void	options_parse(int argc, char **argv, struct options *o);
/* Frees the strings o owns. */
void	options_free(struct options *o);

#endif
