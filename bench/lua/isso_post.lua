-- wrk: post comments to Isso through its JSON API, POST /new?uri=URI, as its embed script does.
-- Environment: URI (the thread, already created). Every text is different.
local uri = os.getenv("URI") or "/articles/printers-who-said-no"
local function escape(s)
   return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local path = "/new?uri=" .. escape(uri)
local headers = { ["Content-Type"] = "application/json" }
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
   local body = '{"text": "Thank you for the report, note ' .. tid .. '-' .. counter
      .. ' about the printers who refused.", "author": "Bench reader ' .. tid .. '", "email": null, "website": null, "parent": null}'
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
