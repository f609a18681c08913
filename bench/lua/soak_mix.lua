-- wrk: mixed load for the soak. 90% reads (article pages, the front page), 10% comment posts
-- (form-encoded, fixed cookies, matching csrf_token). Counts statuses per class; any 5xx fails.
-- Environment: SLUGS (comma-separated), CSRF, COMMENTER, POST_PERCENT (default 10).
local slugs = {}
for slug in string.gmatch(os.getenv("SLUGS") or "printers-who-said-no", "[^,]+") do table.insert(slugs, slug) end
local csrf = os.getenv("CSRF")
local cookie = "ashyq_csrf=" .. csrf .. "; ashyq_commenter=" .. (os.getenv("COMMENTER") or csrf)
local post_percent = tonumber(os.getenv("POST_PERCENT") or "10")
local post_headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }
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
   math.randomseed(os.time() + (tid or 0) * 7919)
end

function request()
   counter = counter + 1
   local slug = slugs[math.random(#slugs)]
   if math.random(100) <= post_percent then
      local body = "name=Soak+reader+" .. tid .. "&email=&body=Soak+comment+" .. tid .. "-" .. counter
         .. "+on+the+printers+story%2C+thank+you.&form_started=" .. (os.time() - 30) .. "&csrf_token=" .. csrf
      return wrk.format("POST", "/articles/" .. slug .. "/comments", post_headers, body)
   elseif math.random(10) == 1 then
      return wrk.format("GET", "/")
   else
      return wrk.format("GET", "/articles/" .. slug)
   end
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
   local five = 0
   for k, v in pairs(total) do
      table.insert(parts, k .. "=" .. v)
      if k >= 500 then five = five + v end
   end
   table.sort(parts)
   io.write("statuses: " .. table.concat(parts, " ") .. "\n")
   io.write("5xx: " .. five .. "\n")
end
