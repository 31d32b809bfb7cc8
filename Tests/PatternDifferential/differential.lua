-- Differential test of Sources/CLua/pattern.c against the interpreter's own string library.
--
-- Usage: lua5.4 differential.lua <module.so> [cases] [seed] [-v]
-- The module is built from pattern.c and stub.c (see run.sh); its entry point
-- `tly_harness_open` returns {find, match, gmatch, gsub, set_limit, tripped, reset, clock}.
-- Deterministic: a private generator seeded from the command line drives all choices.
-- Exits with status 1 on any mismatch and prints a one-line summary.

local so, ncases, seed = arg[1], tonumber(arg[2]) or 20000, tonumber(arg[3]) or 20240601
local verbose = arg[4] == "-v"
assert(so, "usage: lua5.4 differential.lua <module.so> [cases] [seed]")
local open = assert(package.loadlib(so, "tly_harness_open"))
local P = open()
local R = { find = string.find, match = string.match, gmatch = string.gmatch, gsub = string.gsub }

-- MARK: deterministic generator (64-bit LCG, high bits)

local state = seed
local function rnd(n) -- 1..n
  state = state * 6364136223846793005 + 1442695040888963407
  return (state >> 33) % n + 1
end
local function chance(p) return rnd(1000) <= p * 1000 end
local function pick(t) return t[rnd(#t)] end

-- MARK: serialisation of results

local function ser(v)
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" then return math.type(v) .. ":" .. tostring(v)
  elseif t == "table" then return "table"
  else return tostring(v) end
end

local function serpack(r)
  local out = { "n=" .. r.n }
  for i = 1, r.n do out[#out + 1] = ser(r[i]) end
  return table.concat(out, ",")
end

-- Calls `f` from a frame where it is the local `f`, so argument errors name it the same way
-- for both implementations.
local function invoke(f, ...)
  local r = table.pack(f(...))
  return r
end

-- MARK: generators

local subject_chars = { "a", "a", "a", "b", "b", "c", " ", "1", "2", "(", ")", "[", "]", "%", "^", "$",
  ".", "-", "\0", "\xC3", "\xA9", "x", "A", "B", "\n", "_", "a", "b", "(", ")" }

local function random_subject()
  if chance(0.03) then return "" end
  if chance(0.02) then return rnd(1000) - 1 end -- a number, converted by the library
  local n = rnd(18) - 1
  local out = {}
  for i = 1, n do out[i] = pick(subject_chars) end
  return table.concat(out)
end

local literal_chars = { "a", "b", "c", "a", "b", " ", "1", "x", "A", "\0", "\xC3", "\xA9", "_", "]", ")" ,"a", "b" }
local class_letters = "acdglpsuwxACDGLPSUWX"
local escaped_punct = "().%+-*?[]^$"
local odd_escapes = { "z", "z", "q", "Z", "\0", "\xC3", " ", "e", "E", "b", "f" }

-- Each generator returns a piece of pattern and a sample text it is likely to match;
-- subjects are often built around the sample so that many cases do match.
local class_sample = { a = "k", c = "\n", d = "7", g = "!", l = "q", p = ".", s = " ", u = "Q", w = "5", x = "f",
  A = "1", C = "a", D = "x", G = " ", L = "Q", P = "a", S = "b", U = "q", W = "-", X = "z" }

local function gen_set_body()
  local out, samples = {}, {}
  if chance(0.3) then out[#out + 1] = "^" end
  if chance(0.1) then out[#out + 1] = "]"; samples[#samples + 1] = "]" end
  if chance(0.05) then out[#out + 1] = "-"; samples[#samples + 1] = "-" end
  for _ = 1, rnd(4) do
    local k = rnd(9)
    if k == 1 then
      local r = pick({ "a-c", "0-9", "A-Z", "b-a", "x-z", "(-)", "\0-a" })
      out[#out + 1] = r
      samples[#samples + 1] = r:sub(1, 1)
    elseif k == 2 then
      local c = rnd(#class_letters)
      out[#out + 1] = "%" .. class_letters:sub(c, c)
      samples[#samples + 1] = class_sample[class_letters:sub(c, c)]
    elseif k == 3 then
      local e = pick({ "]", "-", "^", "%", "[", "a", "z" })
      out[#out + 1] = "%" .. e
      samples[#samples + 1] = e
    elseif k == 4 then out[#out + 1] = pick({ "-", "^", "[", "a-", "%a-z", "a-%d" })
    else
      local c = pick(literal_chars)
      out[#out + 1] = c
      samples[#samples + 1] = c
    end
  end
  if chance(0.05) then out[#out + 1] = "-" end
  return table.concat(out), (#samples > 0 and chance(0.8)) and pick(samples) or pick(subject_chars)
end

local function gen_single()
  local k = rnd(14)
  if k <= 4 then
    local c = pick(literal_chars)
    return c, c
  elseif k == 5 then return ".", pick(subject_chars)
  elseif k <= 7 then
    local c = rnd(#class_letters)
    return "%" .. class_letters:sub(c, c), class_sample[class_letters:sub(c, c)]
  elseif k == 8 then
    local c = rnd(#escaped_punct)
    return "%" .. escaped_punct:sub(c, c), escaped_punct:sub(c, c)
  elseif k == 9 then
    local e = pick(odd_escapes)
    return "%" .. e, e
  else
    local body, sample = gen_set_body()
    return "[" .. body .. "]", sample
  end
end

local gen_seq

local function gen_atom(depth)
  local k = rnd(40)
  if k <= 22 then
    local item, sample = gen_single()
    if chance(0.45) then
      item = item .. pick({ "*", "+", "-", "?" })
      sample = string.rep(sample, rnd(4) - 1)
    end
    return item, sample
  elseif k <= 27 and depth < 3 then
    local inner, sample = gen_seq(depth + 1, 3)
    return "(" .. inner .. ")", sample
  elseif k == 28 then return "()", ""
  elseif k <= 30 then return "%" .. pick({ "1", "1", "2", "3", "0", "9" }), pick({ "a", "ab", "" })
  elseif k == 31 then
    local b = pick({ "()", "()", "ab", "[]", "aa", "\0a" })
    return "%b" .. b, b:sub(1, 1) .. pick({ "", "x", b, "(" }) .. b:sub(2, 2)
  elseif k == 32 then
    local body, sample = gen_set_body()
    return "%f[" .. body .. "]", chance(0.5) and sample or ""
  elseif k == 33 then
    local c = pick({ "$", "^", "-", "*", "+", "?", ")" })
    return c, c
  elseif k == 34 and chance(0.3) then -- malformed pieces
    return pick({ "[", "[a", "[^", "[%", "%b", "%bx", "%f", "%fa", "(", "[]", "[^]", "%" }), "a"
  else
    return gen_single()
  end
end

gen_seq = function(depth, maxlen)
  local out, samples = {}, {}
  for i = 1, rnd(maxlen) do out[i], samples[i] = gen_atom(depth) end
  return table.concat(out), table.concat(samples)
end

local function gen_pattern()
  if chance(0.02) then return "", "" end
  if chance(0.02) then local n = rnd(100) return n, tostring(n) end -- a number
  local p, sample = gen_seq(0, 5)
  if chance(0.15) then p = "^" .. p end
  if chance(0.12) then p = p .. "$" end
  if chance(0.03) then p = p .. "%" end
  return p, sample
end

-- A subject: random text, or text around the pattern's sample (sometimes mutated).
local function gen_subject(sample)
  if chance(0.4) or sample == nil then return random_subject() end
  local s = sample
  if chance(0.5) then s = string.sub(random_subject(), 1, rnd(4) - 1) .. s end
  if chance(0.5) then s = s .. string.sub(random_subject(), 1, rnd(4) - 1) end
  if chance(0.3) and #s > 0 then
    local i = rnd(#s)
    s = s:sub(1, i - 1) .. pick(subject_chars) .. s:sub(i + 1)
  end
  if chance(0.2) then s = s .. s end
  if chance(0.08) then s = string.rep(s, rnd(12)) end -- longer subjects
  return s
end

local function gen_init()
  local k = rnd(30)
  if k <= 10 then return nil end
  if k <= 24 then return rnd(41) - 21 end
  return pick({ math.maxinteger, math.mininteger, 0, 1.0, 3.0, -2.0, "2", " 3 ", 1.5, "x", false, {} , 2^53 })
end

local function gen_template()
  local out = {}
  for _ = 1, rnd(4) - 1 do
    local k = rnd(12)
    if k <= 3 then out[#out + 1] = pick({ "<", ">", "x", "", "\0", "-" })
    elseif k <= 8 then out[#out + 1] = "%" .. tostring(rnd(4) - 1)
    elseif k == 9 then out[#out + 1] = "%%"
    elseif k == 10 then out[#out + 1] = "%" .. pick({ "9", "5", "a", "\0", "[" })
    else out[#out + 1] = "%" .. tostring(rnd(10) - 1) end
  end
  if chance(0.04) then out[#out + 1] = "%" end
  return table.concat(out)
end

-- Replacement values for gsub: returns the value for each implementation (functions log
-- their calls so that the arguments can be compared too) and a function reading the log.
local function gen_repl()
  local k = rnd(20)
  if k <= 9 then
    local t = gen_template()
    return t, t
  elseif k == 10 then
    local v = pick({ 7, 1.5, -0.0, 10 // 1 })
    return v, v
  elseif k <= 13 then
    local t = {}
    for _ = 1, rnd(5) do
      t[pick({ "a", "b", "ab", "", "1", "(", " ", "x" })] = pick({ "X", "", false, 5, 2.5, "%1", {}, true })
    end
    if chance(0.3) then t[rnd(5)] = pick({ "P", false }) end -- position keys
    return t, t
  elseif k <= 18 then
    local plan = {}
    for i = 1, 40 do plan[i] = rnd(9) end
    local function make(log)
      local i = 0
      return function(...)
        i = i + 1
        log[#log + 1] = serpack(table.pack(...))
        local c = plan[(i - 1) % #plan + 1]
        if c <= 3 then return (...)
        elseif c == 4 then return nil
        elseif c == 5 then return false
        elseif c == 6 then return 42
        elseif c == 7 then return "[" .. tostring((...)) .. "]"
        elseif c == 8 then return i % 7 == 0 and {} or "r"
        else return select("#", ...) end
      end
    end
    return make, make
  else
    local v = pick({ true, false, "nil" })
    if v == "nil" then v = nil end
    return v, v
  end
end

-- MARK: running one case

local mismatches, total = 0, 0
local first_failures = {}

-- Outcome kinds of the reference results (printed with -v to show the coverage).
local kinds = {}
local function tally(name, a)
  local kind = a:match("^error") and "error" or (a:find("^n=1,nil") and "no match" or "result")
  local key = name .. " " .. kind
  kinds[key] = (kinds[key] or 0) + 1
end

local function report(desc, a, b)
  mismatches = mismatches + 1
  if #first_failures < 25 then
    first_failures[#first_failures + 1] = desc .. "\n    real: " .. a .. "\n    ours: " .. b
  end
end

local function errtext(e)
  return "error: " .. (type(e) == "string" and e or type(e))
end

local function outcome(ok, r)
  if not ok then return errtext(r) end
  return serpack(r)
end

local function describe(name, ...)
  local parts = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    parts[#parts + 1] = type(v) == "function" and "function" or ser(v)
  end
  return name .. "(" .. table.concat(parts, ", ") .. ")"
end

local function compare_call(name, ...)
  total = total + 1
  local ok1, r1 = pcall(invoke, R[name], ...)
  local ok2, r2 = pcall(invoke, P[name], ...)
  local a, b = outcome(ok1, r1), outcome(ok2, r2)
  tally(name, a)
  if a ~= b then report(describe(name, ...), a, b) end
end

local function gmatch_all(impl, s, p, init, nargs)
  local ok, it
  if nargs == 3 then ok, it = pcall(invoke, impl.gmatch, s, p, init)
  else ok, it = pcall(invoke, impl.gmatch, s, p) end
  if not ok then return errtext(it) end
  it = it[1]
  local out = {}
  for _ = 1, 100 do
    local ok2, r = pcall(invoke, it)
    if not ok2 then out[#out + 1] = errtext(r); break end
    out[#out + 1] = serpack(r)
    if r.n == 0 then
      local ok3, r3 = pcall(invoke, it) -- an exhausted iterator stays exhausted
      out[#out + 1] = ok3 and serpack(r3) or errtext(r3)
      break
    end
  end
  return table.concat(out, " ; ")
end

local function compare_gmatch(s, p, init, nargs)
  total = total + 1
  local a = gmatch_all(R, s, p, init, nargs)
  local b = gmatch_all(P, s, p, init, nargs)
  tally("gmatch", a:find("^n=0") and "n=1,nil" or a)
  if a ~= b then report(describe("gmatch", s, p, init), a, b) end
end

local function compare_gsub(s, p, ra, rb, maxn, nargs)
  total = total + 1
  local loga, logb = {}, {}
  if type(ra) == "function" then ra, rb = ra(loga), rb(logb) end
  local ok1, r1, ok2, r2
  if nargs == 4 then
    ok1, r1 = pcall(invoke, R.gsub, s, p, ra, maxn)
    ok2, r2 = pcall(invoke, P.gsub, s, p, rb, maxn)
  elseif nargs == 3 then
    ok1, r1 = pcall(invoke, R.gsub, s, p, ra)
    ok2, r2 = pcall(invoke, P.gsub, s, p, rb)
  else
    ok1, r1 = pcall(invoke, R.gsub, s, p)
    ok2, r2 = pcall(invoke, P.gsub, s, p)
  end
  local a = outcome(ok1, r1) .. " calls: " .. table.concat(loga, " / ")
  local b = outcome(ok2, r2) .. " calls: " .. table.concat(logb, " / ")
  tally("gsub", (ok1 and r1[2] == 0) and "n=1,nil" or a)
  if a ~= b then report(describe("gsub", s, p, ra, maxn), a, b) end
end

local function random_case()
  local p, sample = gen_pattern()
  local s = gen_subject(sample)
  local k = rnd(100)
  if k <= 22 then
    if chance(0.5) then compare_call("find", s, p) else compare_call("find", s, p, gen_init()) end
  elseif k <= 30 then
    compare_call("find", s, p, gen_init(), pick({ true, 1, false, nil, "" }))
  elseif k <= 52 then
    if chance(0.5) then compare_call("match", s, p) else compare_call("match", s, p, gen_init()) end
  elseif k <= 70 then
    if chance(0.5) then compare_gmatch(s, p, nil, 2) else compare_gmatch(s, p, gen_init(), 3) end
  else
    local ra, rb = gen_repl()
    local r = rnd(10)
    if r <= 6 then compare_gsub(s, p, ra, rb, nil, 3)
    elseif r <= 9 then compare_gsub(s, p, ra, rb, pick({ 0, 1, 2, 3, -1, 1.0, 1.5, "2", "x", math.maxinteger, math.mininteger }), 4)
    else compare_gsub(s, p, ra, rb, nil, 2) end
  end
end

-- MARK: hand-written cases (every feature, compared with the real library)

local function hand_cases()
  local F, M, G = "find", "match", "gsub"
  local simple = {
    -- init normalisation and plain find
    { F, "hello", "l" }, { F, "hello", "l", 4 }, { F, "hello", "l", -2 }, { F, "hello", "l", -100 },
    { F, "hello", "l", 0 }, { F, "hello", "", 6 }, { F, "hello", "", 7 }, { F, "hello", "", 100 },
    { F, "", "" }, { F, "", "", 1 }, { F, "", "", 2 }, { F, "a.b", ".", 1, true }, { F, "a+b", "+", 1, true },
    { F, "a+b", "a+b" }, { F, "a]b", "]b" }, { F, "a)b", ")b" }, { F, "a)b", "a)" }, { M, "a)b", "a)" },
    { F, "x\0y", "\0" }, { F, "x\0y", "\0y", 1, true }, { F, "x\0y%", "%", 1, true }, { F, "abc", "c", math.maxinteger },
    { F, "abc", "c", math.mininteger }, { M, "hello", "l", 10 }, { M, "hello", "", 6 }, { M, "hello", "()", 6 },
    { F, "aaa", "aa", 2, true }, { F, "abab", "ab", -2, true }, { F, "abc", "", -1, true },
    -- anchors
    { F, "aaa", "^a" }, { F, "baa", "^a" }, { F, "aaa", "^a", 2 }, { F, "aaa", "a$" }, { F, "a$a", "$a" },
    { F, "a$", "a$$" }, { F, "a^b", "a^b" }, { F, "ab", "^" }, { F, "ab", "$" }, { F, "ab", "^$" }, { F, "", "^$" },
    { M, "abc", "^(a)" }, { M, "abc", "^(b)" }, { M, "abc", "c$" }, { M, "^abc", "^^a" },
    -- classes
    { G, "a1 B2\t_!\0\127\xFF", "%a", "A" }, { G, "a1 B2\t_!\0\127\xFF", "%A", "." }, { G, "a1 B2\t_!\0", "%c", "C" },
    { G, "a1 B2\t_!\0", "%d", "D" }, { G, "a1 B2\t_!\0", "%g", "G" }, { G, "a1 B2\t_!\0", "%l", "L" },
    { G, "a1 B2\t_!\0", "%p", "P" }, { G, "a1 B2\t_!\0\v\f\r", "%s", "S" }, { G, "a1 B2\t_!\0", "%u", "U" },
    { G, "a1 B2\t_!\0", "%w", "W" }, { G, "a1 B2\t_!\0fF", "%x", "X" }, { G, "a1 B2\t_!\0", "%W", "w" },
    { G, "a.b", "%.", "!" }, { G, "a%b", "%%", "!" }, { G, "azb", "%z", "!" }, { G, "a\0b", "%\0", "!" },
    -- sets
    { G, "abc]-^", "[]]", "!" }, { G, "abc]-^", "[^]]", "!" }, { G, "a-z", "[a-]", "!" }, { G, "a-z", "[-a]", "!" },
    { G, "abcxyz", "[b-y]", "!" }, { G, "a1_-", "[%w_]", "!" }, { G, "a1_-", "[^%w_]", "!" }, { G, "a]b", "[%]]", "!" },
    { G, "a^b", "[%^]", "!" }, { G, "a^b", "[b^]", "!" }, { G, "abc", "[c-a]", "!" }, { G, "a-%", "[%a-z]", "!" },
    { G, "a\0b", "[\0]", "!" }, { G, "a\0b", "[^\0]", "!" }, { G, "\xC3\xA9t\xC3\xA9", "[\xC3\xA9]", "!" },
    { G, "\xC3\xA9t\xC3\xA9", "[\xC3-\xFF]+", "!" },
    -- quantifiers
    { M, "aaab", "a*" }, { M, "aaab", "a+" }, { M, "aaab", "a-b" }, { M, "aaab", "a?a?a?a?b" }, { M, "b", "a+" },
    { M, "<a><b>", "<.->" }, { M, "<a><b>", "<.*>" }, { M, "xy", "x?y?z?" }, { M, "aaa", "a-$" }, { M, "aaa", "(a-)a" },
    { M, "abc", ".-" }, { M, "abc", "a**" }, { M, "a*", "a**" }, { M, "a+", "a%+" },
    -- captures
    { M, "hello world", "(h)(e)(l)(l)(o)" }, { M, "hello", "()ll()" }, { M, "hello", "(()l)" }, { F, "hello", "(l)(l)" },
    { F, "hello", "()" }, { M, "key = value", "(%w+)%s*=%s*(%w+)" }, { M, "abc", "((a)(b))" }, { M, "", "()" },
    { M, "abc", "(" }, { M, "abc", "(a" }, { F, "abc", "(a" }, { M, "abc", "a)" }, { M, "abc", "())" }, { M, "abc", "(()" },
    { M, "abc", string.rep("()", 32) }, { M, "abc", string.rep("()", 33) }, { M, "abc", string.rep("(", 33) },
    -- back-references
    { M, "abab", "(ab)%1" }, { M, "abac", "(ab)%1" }, { M, "xaax", "(a)%1" }, { M, "abc", "%1" }, { M, "abc", "(a%1)" },
    { M, "abc", "()%1" }, { M, "a\"b\"", "([\"'])(.-)%1" }, { M, "abc", "%0" }, { M, "aa", "(a)%2" }, { M, "aa", "(a)(%1)" },
    { M, "aaaa", "(a*)%1" }, { G, "the the cat", "(%w+) %1", "%1" },
    -- balance and frontier
    { M, "f(a(b)c)d", "%b()" }, { M, "f(a(b c)d", "%b()" }, { M, "x", "%b" }, { M, "x", "%bx" }, { M, "axxb", "%bxx" },
    { M, "[[]]", "%b[]" }, { M, "THE (quick) fox", "%f[%a]%a+" }, { G, "THE (quick) fox", "%f[%a]", "|" },
    { G, "THE (quick) fox", "%f[%A]", "|" }, { G, "aaa", "%f[^a]", "|" }, { G, "aaa", "%f[%z]", "|" },
    { M, "abc", "%fa" }, { M, "abc", "%f" }, { M, "abc", "%f[a" }, { G, "a\0b", "%f[%z]", "|" }, { G, "a\0b", "%f[\0]", "|" },
    -- malformed
    { M, "abc", "%" }, { M, "abc", "a%" }, { M, "abc", "[a" }, { M, "abc", "[" }, { M, "abc", "[^" }, { M, "abc", "[%" },
    { M, "abc", "[a%]" }, { M, "abc", "x[" }, { M, "x", "x[" }, { F, "abc", "[a", 1, true }, { M, "", "[a" },
    -- depth limit
    { M, string.rep("a", 300), string.rep("a?", 300) }, { M, string.rep("a", 150), string.rep("a?", 150) },
    { M, string.rep("a", 199), string.rep("a?", 199) }, { M, string.rep("a", 198), string.rep("a?", 198) },
    { M, string.rep("a", 250), string.rep("a*", 250) }, { M, string.rep("a", 250), string.rep("a-", 250) .. "$" },
    -- gsub
    { G, "hello world", "o", "0" }, { G, "hello world", "o", "0", 1 }, { G, "hello world", "o", "0", 0 },
    { G, "hello world", "o", "0", -1 }, { G, "hello", "", "-" }, { G, "abc", "%w*", "-" }, { G, "abc d", "%w*", "-" },
    { G, "hello world", "o*", "x" }, { G, "abc", "b*", "-" }, { G, "abc", "^", ">" }, { G, "abc", "$", "<" },
    { G, "aaa", "^a", "b" }, { G, "abc", "^b", "x" }, { G, "hello world", "(o)", "[%1%1]" }, { G, "hello", "l", "%%" },
    { G, "hello", "l", "%0%0" }, { G, "hello", "()l", "%1" }, { G, "hello", "l", "%1" }, { G, "hello", "l", "%2" },
    { G, "hello", "(l)", "%2" }, { G, "hello", "l", "%" }, { G, "hello", "l", "%a" }, { G, "hello", "l", 5 },
    { G, "hello", "l", 2.5 }, { G, "hello", "l" }, { G, "hello", "l", nil }, { G, "hello", "l", true },
    { G, "hello", "l", { l = "L" } }, { G, "hello", "(l)(l)", { l = "L" } }, { G, "hello", "l", { l = false } },
    { G, "hello", "l", { l = {} } }, { G, "hello", "l", { l = 7 } }, { G, "hello", "()l", { [3] = "X", [4] = "Y" } },
    { G, "hello", "(l", "%1" }, { G, "hello", "(l", "%0" }, { G, "hello", "(l", { l = "x" } }, { G, 12345, 3, 9 },
    { G, "hello", "l", "x", 1.5 }, { G, "hello", "l", "x", "1" }, { G, "hello", "l", "x", "z" }, { G, "", "", "x" },
    { G, "abc", "", "%0" }, { G, "x", ".", "a%\0" },
    -- numbers as arguments
    { F, 12345, 34 }, { M, 12345, "(%d)(%d)" }, { F, 1.5, "." }, { M, -0.0, "%-" },
    -- argument errors
    { F }, { F, "a" }, { F, {}, "a" }, { F, "a", {} }, { F, "a", "a", "x" }, { F, "a", "a", 1.5 }, { M, "a" },
    { G, nil, "a", "b" }, { G, "a", nil, "b" },
  }
  for _, c in ipairs(simple) do
    compare_call(c[1], table.unpack(c, 2, 5))
  end
  -- the recursion limit, around its boundary
  for n = 194, 206 do
    compare_call("match", string.rep("a", n), string.rep("a?", n))
    compare_call("match", string.rep("a", n + 5), string.rep("a*", n))
    compare_call("match", string.rep("a", n), string.rep("a-", n) .. "$")
    compare_call("find", string.rep("ab", n), string.rep("a?b", n) .. "$")
    compare_call("gsub", string.rep("a", n), string.rep("a?", n), "x")
    compare_call("match", string.rep("a", 40), string.rep("(a?)", 31) .. string.rep("a?", n - 60))
  end
  -- gsub with a table replacement that has an __index metamethod
  local mtab = setmetatable({}, { __index = function(_, k) return k == "l" and "L!" or nil end })
  compare_call("gsub", "hello", "%a", mtab)
  -- function replacements
  local fns = {
    function(...) return select("#", ...) end,
    function(a) return a:upper() end,
    function() return nil end,
    function() return false end,
    function() return true end,
    function() return {} end,
    function() error("boom") end,
    function() error({}) end,
    function(a, b) return b end,
  }
  for _, f in ipairs(fns) do
    for _, p in ipairs({ "%w+", "(%w)(%w*)", "()", "", "(h)()" }) do
      compare_call("gsub", "hello world", p, f)
    end
  end
  -- gmatch
  local gm = {
    { "hello world from Lua", "%a+" }, { "k=v, a=b", "(%w+)=(%w+)" }, { "abc", "" }, { "abc", "()" }, { "abc", "%w*" },
    { "abc d", "%w*" }, { "^a^a", "^a" }, { "aaa", "^a" }, { "hello", "l*" }, { "hello", "(l)(l)" }, { "", "" },
    { "abc", "(" }, { "abc", "%" }, { "abc", "[a" }, { "abc", "b*" },
  }
  for _, c in ipairs(gm) do compare_gmatch(c[1], c[2], nil, 2) end
  for _, init in ipairs({ 1, 2, 3, 4, 5, 6, -1, -3, -10, 0, math.maxinteger, math.mininteger, 1.5, "x" }) do
    compare_gmatch("abcd", ".", init, 3)
    compare_gmatch("abcd", "", init, 3)
    compare_gmatch("abcd", "%w*", init, 3)
  end
  -- method calls go through the string metatable
  local mt = getmetatable("")
  local function method_calls()
    local out = {}
    local tests = {
      function() return ("hello"):find("l") end,
      function() return ("hello"):match("(h)(e)") end,
      function() return ("hello"):gsub("l", "L") end,
      function() return ("hello"):gsub("l") end,
      function() return ("hello"):find({}) end,
      function() return ("hello"):find("l", "x") end,
      function() local r = {} for w in ("a b c"):gmatch("%a") do r[#r + 1] = w end return table.concat(r) end,
    }
    for i, f in ipairs(tests) do
      out[i] = outcome(pcall(function() return table.pack(f()) end))
    end
    return out
  end
  local real = method_calls()
  local saved = mt.__index
  mt.__index = setmetatable({ find = P.find, match = P.match, gmatch = P.gmatch, gsub = P.gsub }, { __index = saved })
  local ours = method_calls()
  mt.__index = saved
  for i = 1, #real do
    total = total + 1
    if real[i] ~= ours[i] then report("method call #" .. i, real[i], ours[i]) end
  end
end

-- MARK: budget and pathological cases

local LIMIT_MSG = "string pattern too complex (more than 1000000 matching steps)"
local timings = {}
local budget_failures = 0
local slowest, slowest_name = 0, ""

local function timed(name, expect_budget, f, ...)
  P.reset()
  local _, trips_before = P.tripped()
  local t0 = P.clock()
  local ok, err = pcall(f, ...)
  local dt = P.clock() - t0
  local why, trips_after = P.tripped()
  local good
  if expect_budget then
    good = not ok and err == LIMIT_MSG and why == 4 and trips_after == trips_before + 1
  else
    good = ok and why == 0
  end
  if dt > 1.0 then good = false end -- a hang, whatever the result
  if dt > slowest then slowest, slowest_name = dt, name end
  timings[#timings + 1] = string.format("%-48s %7.1f ms  %s", name, dt * 1000,
    ok and "ok" or tostring(err))
  if not good then
    budget_failures = budget_failures + 1
    first_failures[#first_failures + 1] = "budget case failed: " .. name .. ": " .. tostring(err)
  end
  P.reset()
end

local function budget_cases()
  P.set_limit(0) -- 0 means the default limit of 1,000,000 steps
  local a600 = string.rep("a", 600)
  timed('find(rep("a",600), ".-.-.-b")', true, P.find, a600, ".-.-.-b")
  timed('match(rep("a",600), ".-.-.-b")', true, P.match, a600, ".-.-.-b")
  timed('gsub(rep("a",600), ".-.-.-b", "")', true, P.gsub, a600, ".-.-.-b", "")
  timed('gmatch(rep("a",600), ".-.-.-b")()', true, P.gmatch(a600, ".-.-.-b"))
  timed('find(rep("a",5000), "(.-)%1b")', true, P.find, string.rep("a", 5000), "(.-)%1b")
  timed('find(rep("a",5000), "(.*)%1b")', true, P.find, string.rep("a", 5000), "(.*)%1b")
  timed('find(rep("a",100000), "(.*)%1b")', true, P.find, string.rep("a", 100000), "(.*)%1b")
  timed('find(rep("(",100000), "%b()")', true, P.find, string.rep("(", 100000), "%b()")
  timed('gsub(rep("(",100000), "%b()", "")', true, P.gsub, string.rep("(", 100000), "%b()", "")
  timed('find(rep("a",1e5), rep("a",5e4).."b", 1, true)', true, P.find, string.rep("a", 100000),
    string.rep("a", 50000) .. "b", 1, true)
  timed('find(rep("a",1e5), "[" .. rep("b",1e5) .. "]")', true, P.find, string.rep("a", 100000),
    "[" .. string.rep("b", 100000) .. "]")
  timed('gsub(rep("x",2e6), "x", "y")', true, P.gsub, string.rep("x", 2000000), "x", "y")
  timed('gsub(rep("ab ",1e6), "%s", "")', true, P.gsub, string.rep("ab ", 1000000), "%s", "")
  timed('gsub(rep("x",300), "", rep("%0",4000))', true, P.gsub, string.rep("x", 300), "", string.rep("%0", 4000))
  timed('match(rep("a",600), rep("a*",30).."b")', true, P.match, a600, string.rep("a*", 30) .. "b")
  timed('find(rep("a",20000), ".-b")', true, P.find, string.rep("a", 20000), ".-b")
  local big = string.rep("a", 2000000)
  timed('find(rep("a",2e6), rep("()",32).."b")', true, P.find, big, string.rep("()", 32) .. "b")
  timed('find(rep("a",2e6), rep("(",16).."a"..rep(")",16).."b")', true, P.find, big,
    string.rep("(", 16) .. "a" .. string.rep(")", 16) .. "b")
  timed('find(rep("a",2e6), "["..rep("%d",5000).."a]*b")', true, P.find, big, "[" .. string.rep("%d", 5000) .. "a]*b")
  timed('find(rep("a",2e6), "%f["..rep("%d",5000).."]")', true, P.find, big, "%f[" .. string.rep("%d", 5000) .. "]")
  timed('gsub(rep("a",2e6), "()", rep("%1",100))', true, P.gsub, big, "()", string.rep("%1", 100))
  timed('find(rep("a",2e4), rep("a?",190).."b")', true, P.find, string.rep("a", 20000), string.rep("a?", 190) .. "b")
  timed('gsub(rep("()",1e6), "%b()", "")', true, P.gsub, string.rep("()", 1000000), "%b()", "")
  -- below the budget: same answers as the real library
  timed('find(rep("a",100), ".-.-b") (no trip)', false, function()
    assert(select("#", P.find(string.rep("a", 100), ".-.-b")) == 1)
  end)
  timed('gsub(100k text, "%w+", f) (no trip)', false, function()
    local text = string.rep("lorem ipsum dolor ", 5000)
    local a, n = P.gsub(text, "%w+", string.upper)
    local b, m = string.gsub(text, "%w+", string.upper)
    assert(a == b and n == m)
  end)
  timed('find(rep("a",600), "a.-b") default limit is 1e6', true, P.find, a600 .. string.rep("a", 1500), "a.-b")
  -- a custom limit
  P.set_limit(1000)
  local ok, err = pcall(P.find, string.rep("a", 2000), "a*b")
  local good = not ok and err == "string pattern too complex (more than 1000 matching steps)"
  timings[#timings + 1] = "custom limit 1000: " .. tostring(err)
  if not good then
    budget_failures = budget_failures + 1
    first_failures[#first_failures + 1] = "custom limit case failed: " .. tostring(err)
  end
  P.set_limit(0)
  P.reset()
end

-- MARK: main

local t0 = P.clock()
hand_cases()
local hand_total, hand_bad = total, mismatches
-- The differential part compares semantics only: no budget interferes with it.
P.set_limit(math.maxinteger)
for _ = 1, ncases do random_case() end
P.set_limit(0)
local elapsed = P.clock() - t0
budget_cases()

if verbose or mismatches > 0 or budget_failures > 0 then
  for _, f in ipairs(first_failures) do io.stderr:write(f, "\n") end
end
if verbose then
  local keys = {}
  for k in pairs(kinds) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do print(string.format("%-20s %d", k, kinds[k])) end
  for _, t in ipairs(timings) do print(t) end
end
print(string.format(
  "pattern differential: %d cases (%d hand-written, %d random, seed %d): %d mismatches in %.1fs; "
    .. "budget cases: %d/%d ok, slowest %.1f ms (%s)",
  total, hand_total, total - hand_total, seed, mismatches, elapsed, #timings - budget_failures, #timings,
  slowest * 1000, slowest_name))
os.exit((mismatches == 0 and budget_failures == 0) and 0 or 1)
