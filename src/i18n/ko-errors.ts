/**
 * The core's refusals (OptionError messages: `option "name" requirement, got value`) in Korean,
 * for what a Korean playground shows in an optimizer's row: a schedule torch refuses, an option a
 * rule checks itself (Rprop's etaPlus > 1, SGD's nesterov), batches or a Hessian a surface cannot
 * give. Read off the English text by its wording (the core's errors stay plain English, as its
 * API promises); a message none of the patterns knows stays English.
 * tests/unit/ko-errors.test.ts makes each refusal the UI can meet with the core and checks that
 * it is translated.
 */

/** A requirement's English wording and its Korean, `$1`… the captured parts. */
export const REQUIREMENTS: ReadonlyArray<readonly [RegExp, string | ((...groups: string[]) => string)]> = [
  [/^must be a whole number >= (\S+)$/, '$1 이상의 정수여야 합니다'],
  [/^must be a whole number from (\S+) to (\S+)$/, '$1부터 $2까지의 정수여야 합니다'],
  [/^must be (?:a whole number|an integer)$/, '정수여야 합니다'],
  [/^must be a number >= (\S+)$/, '$1 이상의 숫자여야 합니다'],
  [/^must be a number > (\S+)$/, '$1보다 큰 숫자여야 합니다'],
  [/^must be a number in ([[(].*[\])])$/, '$1 범위의 숫자여야 합니다'],
  [/^must be a finite number$/, '유한한 숫자여야 합니다'],
  [/^must be a number$/, '숫자여야 합니다'],
  [/^must be true or false$/, 'true 또는 false여야 합니다'],
  [/^must be from (\S+) to (\S+)$/, '$1부터 $2까지의 숫자여야 합니다'],
  [/^must be more than (\S+) and at most (\S+)$/, '$1보다 크고 $2 이하인 숫자여야 합니다'],
  [/^must be less than (\S+)$/, '$1보다 작은 숫자여야 합니다'],
  [/^must be a list of whole numbers >= 0$/, '0 이상의 정수 목록이어야 합니다'],
  [/^must be a list of at least one schedule$/, '스케줄이 하나 이상 든 목록이어야 합니다'],
  [/^must have one entry fewer than schedulers \((\d+)\)$/, '항목이 schedulers보다 하나 적은 $1개여야 합니다'],
  [/^must be two finite numbers \[x, y\]$/, '유한한 숫자 두 개 [x, y]여야 합니다'],
  [/^must be \{ sd: a number >= 0, seed\?: an integer \}$/, '{ sd: 0 이상의 숫자, seed?: 정수 } 꼴이어야 합니다'],
  [/^must be \{ size: a whole number >= 1, seed\?: an integer \}$/, '{ size: 1 이상의 정수, seed?: 정수 } 꼴이어야 합니다'],
  [/^must be ('[^']*'(?: or '[^']*')+)$/, (_, choices: string) => `${choices.replaceAll(' or ', ', ')} 중 하나여야 합니다`],
  [/^must be one of (.+)$/, '다음 중 하나여야 합니다: $1'],
  [/^is not an option of ([^;]+); its options are (.+)$/, '$1의 설정이 아닙니다. 쓸 수 있는 설정: $2'],
  [/^is empty; write Kind or Kind:key=value:\.\.\., e\.g\. (.+)$/, '비어 있습니다. Kind 또는 Kind:key=value:... 꼴로 쓰세요(예: $1)'],
  [/^is not JSON \((.*)\)$/, 'JSON이 아닙니다($1)'],
  [/^has "(.*)", not @N:Kind\.\.\. with N a whole number; e\.g\. (.+)$/, '"$1"은(는) @N:Kind... 꼴이 아닙니다. N은 정수입니다(예: $2)'],
  [
    /^names "SequentialLR", which is written as its parts joined by @N: \(N the step the next starts at\), e\.g\. (.+)$/,
    'SequentialLR은 이름으로 쓰지 않고, 이어지는 스케줄들을 @N:으로 이어서 씁니다(N은 다음 스케줄이 시작하는 단계, 예: $1)',
  ],
  [/^has unknown schedule "(.*)"; one of (.+) \(SequentialLR: parts joined by @N:\)$/, '"$1"은(는) 알 수 없는 스케줄입니다. 쓸 수 있는 스케줄: $2(SequentialLR은 스케줄들을 @N:으로 이어서 씁니다)'],
  [/^has "(.*)", not key=value$/, '"$1"은(는) key=value 꼴이 아닙니다'],
  [/^has "(.*)", not an option of (\w+); its options are (.+)$/, '"$1": $2의 설정이 아닙니다. 쓸 수 있는 설정: $3'],
  [/^has "(.*)", not milestones=whole numbers joined by \+$/, '"$1": milestones는 +로 이은 정수여야 합니다'],
  [/^has "(.*)", not key=number \(or true or false\)$/, '"$1": 값은 숫자(또는 true나 false)여야 합니다'],
  [/^needs an optimizer with momentum or β₁, which (.+) has not; set it to false$/, 'momentum이나 β₁이 있는 옵티마이저에만 쓸 수 있는데 $1에는 없습니다. false로 두세요'],
  [/^gives a phase of no length with totalSteps (\d+) \(torch divides by zero there\)$/, 'totalSteps $1에서는 길이가 0인 구간이 생깁니다(torch는 여기서 0으로 나눕니다)'],
  [/^cannot be part of SequentialLR \(torch refuses it: its step needs the loss\)$/, 'SequentialLR 안에 둘 수 없습니다(torch도 거부합니다. 이 스케줄은 손실값을 받아 진행합니다)'],
  [/^cannot be nested in another SequentialLR here$/, '여기서는 SequentialLR 안에 SequentialLR을 넣을 수 없습니다'],
  [/^cycles (.+)'s momentum through 0; keep it above 0$/, '$1의 모멘텀이 0을 지나게 됩니다. 0보다 크게 두세요'],
  [/^is fewer than the run's steps: OneCycleLR was stepped (\d+) times$/, '실행의 단계 수보다 적습니다. OneCycleLR을 $1번 진행했습니다'],
  [
    /^needs a data surface(?: \((.+)\))?; (.+) has no samples$/,
    (_, ids: string | undefined, id: string) => `데이터 표면${ids ? `(${ids})` : ''}에서만 쓸 수 있습니다. ${id}에는 샘플이 없습니다`,
  ],
  [
    /^needs the Hessian of f; (.+) is a data surface whose loss has no expression to take it from$/,
    'f의 헤세 행렬이 필요한데 $1은(는) 헤세 행렬을 구할 식이 없는 데이터 표면입니다',
  ],
  [/^needs momentum > 0 and dampening 0 \(momentum is (.+), dampening (.+)\)$/, 'momentum이 0보다 크고 dampening이 0일 때만 쓸 수 있습니다(지금 momentum $1, dampening $2)'],
];

/** A refusal without a value: an option torch has no default for, left out (src/core/schedules.ts). */
const MISSING = /^option "([^"]+)" is missing: (\w+) needs it and has no default \(as in torch\), e\.g\. (.+)$/;

/** `message` in Korean, or undefined if it is no refusal of the core's these patterns know. */
export function koOptionError(message: string): string | undefined {
  const missing = MISSING.exec(message);
  if (missing) return `설정 "${missing[1]}"이(가) 없습니다. ${missing[2]}에 꼭 필요하고 기본값이 없습니다(torch와 같음). 예: ${missing[3]}`;
  const parts = /^option "([^"]+)" (.+?), got (.*)$/s.exec(message);
  if (!parts) return undefined;
  const [, option, requirement, value] = parts;
  for (const [pattern, korean] of REQUIREMENTS) {
    if (pattern.test(requirement)) return `설정 "${option}": ${requirement.replace(pattern, korean as string)}. 받은 값: ${value}`;
  }
  return undefined;
}
