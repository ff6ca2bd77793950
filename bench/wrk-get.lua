-- wrk: GET requests with a bearer token, cycling through request paths.
-- BENCH_TOKEN is the session token; BENCH_PATHS a file of paths, one a
-- line. Each thread starts at a different place in the list.
local token = os.getenv("BENCH_TOKEN")
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
	paths[#paths + 1] = line
end

local threads = 0
function setup(thread)
	thread:set("start", threads * 7919)
	threads = threads + 1
end

local i = 0
function init(args)
	i = start or 0
end

function request()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1], {
		["Authorization"] = "Bearer " .. token,
		["Accept"] = "application/json",
	})
end
