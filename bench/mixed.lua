-- A realistic blend per session: 1 login : 20 refreshes : 200 protected calls, drawn at random from a fixed seed.
-- Run with -t N -c N: each thread is one user with one cookie chain and one access token.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
local email, password, cookie, token, last

function init(args)
  local users = lines_of(os.getenv("USERS_FILE"))
  local cookies = lines_of(os.getenv("COOKIES_FILE"))
  local tokens = lines_of(os.getenv("TOKENS_FILE"))
  local i = (tid or 0) % #cookies + 1
  email, password = users[i]:match("([^\t]+)\t(.+)")
  cookie, token = cookies[i], tokens[i]
  math.randomseed(tonumber(os.getenv("SEED") or "42") + (tid or 0))
end

function request()
  local draw = math.random(221)
  if draw == 1 then
    last = "login"
    return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json"},
      string.format('{"email":"%s","password":"%s"}', email, password))
  elseif draw <= 21 then
    last = "refresh"
    return wrk.format("POST", "/api/v1/auth/tokens/refresh", {["Cookie"] = "refresh_cookie=" .. cookie}, "")
  end
  last = "me"
  return wrk.format("GET", "/api/v1/auth/me", {["Authorization"] = "Bearer " .. token})
end

function response(status, headers, body)
  if status == 200 and last ~= "me" then
    cookie = refresh_cookie(headers) or cookie
    token = body:match('"token":"([^"]+)"') or token
  end
end
