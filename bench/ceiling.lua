-- The ceiling of Payara's own request path for this application: GET /api/v1/auth/me without a token, answered
-- 401 with the same problem body by the same server (Jakarta Authentication, the mechanism, JAX-RS, the error
-- mapper), with no token to verify and no session to read. errors_status counts these 401s: every answer is one.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

function request()
  return wrk.format("GET", "/api/v1/auth/me")
end
