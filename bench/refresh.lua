-- POST /api/v1/auth/tokens/refresh with rotation: run with -t N -c N, so one thread is one connection and one
-- session, which follows its own cookie chain (the next request carries the cookie of the last response).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
local cookie

function init(args)
  local cookies = lines_of(os.getenv("COOKIES_FILE"))
  cookie = cookies[(tid or 0) % #cookies + 1]
end

function request()
  return wrk.format("POST", "/api/v1/auth/tokens/refresh", {["Cookie"] = "refresh_cookie=" .. cookie}, "")
end

function response(status, headers, body)
  if status == 200 then cookie = refresh_cookie(headers) or cookie end
end
