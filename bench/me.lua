-- GET /api/v1/auth/me with valid access tokens, spread over the prepared sessions.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
local tokens, next_token

function init(args)
  tokens = lines_of(os.getenv("TOKENS_FILE"))
  next_token = tid or 0
end

function request()
  next_token = next_token % #tokens + 1
  return wrk.format("GET", "/api/v1/auth/me", {["Authorization"] = "Bearer " .. tokens[next_token]})
end
