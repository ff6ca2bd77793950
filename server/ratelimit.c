/* Sliding-window request counts per client address. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "ratelimit.h"

#define SLOTS		256
#define MAX_LIMIT	64

struct slot {
	char	addr[64];
	time_t	hits[MAX_LIMIT];	/* a ring of the latest hits */
	int	next, used;
	time_t	last;
};

static struct slot	slots[SLOTS];
static pthread_mutex_t	lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a of the address, to pick a slot. */
static unsigned
hash(const char *s)
{
	uint32_t	h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return (h % SLOTS);
}

/* The address's slot; an idle slot is taken over by a new address. */
static struct slot *
find(const char *addr, time_t now, int window)
{
	struct slot	*s = &slots[hash(addr)];

	if (strcmp(s->addr, addr) != 0) {
		if (s->used > 0 && now - s->last < window)
			return (s);	/* shared: the two count together */
		memset(s, 0, sizeof *s);
		strncpy(s->addr, addr, sizeof s->addr - 1);
	}
	return (s);
}

/* Seconds until the slot's oldest of limit hits leaves the window, or
 * 0 when it has room. */
static int
full(const struct slot *s, time_t now, int limit, int window)
{
	time_t	oldest;
	int	retry;

	if (s->used != limit)
		return (0);
	oldest = s->hits[s->next % limit];
	if (now - oldest >= window)
		return (0);
	retry = (int)(window - (now - oldest));
	return (retry > 0 ? retry : 1);
}

int
ratelimit_wait(const char *addr, int limit, int window)
{
	const struct slot	*s;
	time_t			 now = time(NULL);
	int			 retry = 0;

	if (limit > MAX_LIMIT)
		limit = MAX_LIMIT;
	pthread_mutex_lock(&lock);
	s = &slots[hash(addr)];
	if (strcmp(s->addr, addr) == 0 || (s->used > 0 &&
	    now - s->last < window))
		retry = full(s, now, limit, window);
	pthread_mutex_unlock(&lock);
	return (retry);
}

int
ratelimit_hit(const char *addr, int limit, int window)
{
	struct slot	*s;
	time_t		 now = time(NULL);
	int		 retry;

	if (limit > MAX_LIMIT)
		limit = MAX_LIMIT;
	pthread_mutex_lock(&lock);
	s = find(addr, now, window);
	s->last = now;
	if ((retry = full(s, now, limit, window)) > 0) {
		pthread_mutex_unlock(&lock);
		return (retry);
	}
	s->hits[s->next % limit] = now;
	s->next = (s->next + 1) % limit;
	if (s->used < limit)
		s->used++;
	pthread_mutex_unlock(&lock);
	return (0);
}
