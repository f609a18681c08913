-- wrk: post comments to ashyq as one browser (fixed cookies, matching csrf_token), form-encoded.
-- Environment: SLUG, CSRF (64 hex, also sent as the ashyq_csrf cookie), COMMENTER (optional cookie).
-- Every body is different (thread number and counter), so none is screened as a duplicate.
local slug = os.getenv("SLUG") or "printers-who-said-no"
local csrf = os.getenv("CSRF")
local commenter = os.getenv("COMMENTER")
local cookie = "ashyq_csrf=" .. csrf
if commenter and commenter ~= "" then cookie = cookie .. "; ashyq_commenter=" .. commenter end
local path = "/articles/" .. slug .. "/comments"
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }
local counter = 0
local threads = {}
local nthreads = 0

function setup(thread)
   nthreads = nthreads + 1
   thread:set("tid", nthreads)
   table.insert(threads, thread)
end

function init(args)
   statuses = {}
end

function request()
   counter = counter + 1
   local started = os.time() - 30
   local body = "name=Bench+reader+" .. tid .. "&email=&body=Thank+you+for+the+report%2C+note+" .. tid .. "-" .. counter
      .. "+about+the+printers+who+refused.&form_started=" .. started .. "&csrf_token=" .. csrf
   return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      local s = thread:get("statuses")
      for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
   end
   local parts = {}
   for k, v in pairs(total) do table.insert(parts, k .. "=" .. v) end
   table.sort(parts)
   io.write("statuses: " .. table.concat(parts, " ") .. "\n")
end
