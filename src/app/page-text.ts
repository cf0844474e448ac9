/**
 * index.html's own texts (the header around the playground) in English and Korean, with the
 * words for pointing devices: "hover" where a mouse can hover, "touch" on touch screens.
 * The playground's texts are src/i18n's; these are the page's, so they stay out of the bundle.
 */
import type { Lang } from '../i18n/index';

export interface PageText {
  readonly title: string;
  readonly subtitle: string;
  /** The intro as HTML-free pieces: text, then **bold** words, alternating. */
  readonly intro: (touch: boolean) => readonly string[];
  readonly copyLink: string;
  readonly linkCopied: string;
  /** Shown in the playground's place while a link's typed-in surface compiles. */
  readonly linkLoading: string;
  readonly copyFailed: string;
  readonly language: string;
  readonly theme: string;
  readonly themes: Readonly<Record<'auto' | 'light' | 'dark', string>>;
  readonly description: string;
  /** Before the list of stories (src/app/stories.ts). */
  readonly stories: string;
}

export const pageText: Readonly<Record<Lang, PageText>> = {
  en: {
    title: 'descent-lab — gradient descent on 2D loss surfaces',
    subtitle: '— how optimizers move on a loss surface',
    intro: (touch) => [
      'Each optimizer starts from the same point and follows its own update rule downhill. Drag the ',
      'start point',
      touch
        ? ' and every path is recomputed at once; press '
        : ' (or focus it and use the arrow keys) and every path is recomputed at once; press ',
      'Play',
      touch
        ? ' to race them, touch the loss chart to scrub, tune each learning rate, and switch surfaces to see saddles, ravines, plateaus and competing valleys.'
        : ' to race them, hover the loss chart to scrub, tune each learning rate, and switch surfaces to see saddles, ravines, plateaus and competing valleys.',
    ],
    copyLink: 'Copy link',
    linkCopied: 'Link copied',
    linkLoading: 'Loading the surface this link types in…',
    copyFailed: 'Copy failed: use the address bar',
    language: 'Language',
    theme: 'Theme',
    themes: { auto: 'Auto', light: 'Light', dark: 'Dark' },
    description: 'Watch SGD, Momentum, Nesterov, Adagrad, Adadelta, RMSprop and Adam race on 2D loss surfaces.',
    stories: 'Stories:',
  },
  ko: {
    title: 'descent-lab — 2차원 손실 곡면 위의 경사 하강법',
    subtitle: '— 옵티마이저가 손실 곡면 위에서 움직이는 모습',
    intro: (touch) => [
      '모든 옵티마이저는 같은 점에서 출발해 저마다의 업데이트 규칙을 따라 내려갑니다. ',
      '시작점',
      touch
        ? '을 끌어 옮기면 모든 경로가 곧바로 다시 계산됩니다. '
        : '을 끌어 옮기면(또는 포커스한 뒤 화살표 키로 옮기면) 모든 경로가 곧바로 다시 계산됩니다. ',
      '재생',
      touch
        ? '을 눌러 경주를 시키고, 손실 그래프를 터치해 단계를 오가고, 학습률을 조절하고, 표면을 바꿔 안장점, 협곡, 평탄한 지대, 경쟁하는 골짜기를 살펴보세요.'
        : '을 눌러 경주를 시키고, 손실 그래프 위에 마우스를 올려 단계를 오가고, 학습률을 조절하고, 표면을 바꿔 안장점, 협곡, 평탄한 지대, 경쟁하는 골짜기를 살펴보세요.',
    ],
    copyLink: '링크 복사',
    linkCopied: '링크를 복사했습니다',
    linkLoading: '이 링크에 입력된 곡면을 불러오는 중…',
    copyFailed: '복사하지 못했습니다: 주소창을 쓰세요',
    language: '언어',
    theme: '테마',
    themes: { auto: '자동', light: '밝게', dark: '어둡게' },
    description: 'SGD, Momentum, Nesterov, Adagrad, Adadelta, RMSprop, Adam이 2차원 손실 곡면 위에서 경주하는 모습을 보세요.',
    stories: '이야기:',
  },
};
