-- POST /api/v1/auth/login with correct passwords, each thread cycling through the prepared users.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
local users, next_user

function init(args)
  users = lines_of(os.getenv("USERS_FILE"))
  next_user = tid or 0
end

function request()
  next_user = next_user % #users + 1
  local email, password = users[next_user]:match("([^\t]+)\t(.+)")
  return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json"},
    string.format('{"email":"%s","password":"%s"}', email, password))
end
