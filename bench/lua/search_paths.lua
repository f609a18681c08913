-- wrk: GET the search paths listed one per line in the file $SEARCH_PATHS, in turn.
local paths = {}
for line in io.lines(os.getenv("SEARCH_PATHS")) do
    if line ~= "" then paths[#paths + 1] = line end
end
local counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
end
