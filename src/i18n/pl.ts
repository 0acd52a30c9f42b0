/** Polski. */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'serwer (wszyscy tutaj)',
  role: 'rola (członkowie z daną rolą)',
  user: 'użytkownik (jedna osoba)',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay: obrazy na osobę w ciągu ostatnich 24 h',
  userCooldownSeconds: 'userCooldownSeconds: przerwa między prośbami',
  userMaxQueued: 'userMaxQueued: zadania jednej osoby w kolejce',
  guildImagesPerDay: 'guildImagesPerDay: obrazy na serwer w ciągu ostatnich 24 h',
  maxSteps: 'maxSteps: kroki na obraz',
  maxWidth: 'maxWidth: szerokość obrazu',
  maxHeight: 'maxHeight: wysokość obrazu',
  maxPixels: 'maxPixels: piksele na obraz (szerokość x wysokość)',
  maxImagesPerRequest: 'maxImagesPerRequest: obrazy na prośbę',
  allowUploads: 'allowUploads: wolno wysyłać własne obrazy',
  spoilerRequired: 'spoilerRequired: obrazy publikowane jako spoiler',
  defaultScheduler: 'defaultScheduler: harmonogram /imagine, gdy żaden nie jest wybrany',
  defaultModel: 'defaultModel: model /imagine, gdy żaden nie jest wybrany',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 kwadrat',
  '3:2': '3:2 poziomo',
  '2:3': '2:3 pionowo',
  '16:9': '16:9 panorama',
  '9:16': '9:16 wysoki pion',
};
const role: CommandText = { name: 'rola', description: 'Rola (dla poziomu rola)' };
const user: CommandText = { name: 'użytkownik', description: 'Osoba (dla poziomu użytkownik)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'namaluj',
    description: 'Namaluj obraz na podstawie opisu',
    options: {
      prompt: {
        name: 'prompt',
        description: 'Co namalować, po angielsku (działają też flagi: --ar 16:9 --seed 42 --no text)',
      },
      negative: { name: 'negatywny', description: 'Czego ma nie być na obrazie' },
      aspect: { name: 'proporcje', description: 'Kształt obrazu', choices: aspect },
      seed: { name: 'ziarno', description: 'To samo ziarno, ten sam obraz (losowe, gdy puste)' },
      steps: { name: 'kroki', description: 'Kroki odszumiania: więcej to wolniej i często dokładniej' },
      guidance: { name: 'wierność', description: 'Jak ściśle trzymać się promptu (0-30)' },
      count: { name: 'liczba', description: 'Ile obrazów' },
      image: { name: 'obraz', description: 'Zacznij od tego obrazu (PNG, JPEG lub WebP)' },
      strength: { name: 'siła', description: 'Z obrazem: jak bardzo się od niego oddalić (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: {
        name: 'harmonogram',
        description: 'Jak przejść od szumu do obrazu (domyślnie: ten z modelu)',
        choices: schedulerLabels,
      },
      model: { name: 'model', description: 'Który zainstalowany model go namaluje (domyślnie: serwera)' },
    },
  },
  info: {
    name: 'info',
    description: 'Ile obrazów zostało ci dziś, twoje zadania w kolejce i model, którego używa bot',
  },
  help: { name: 'pomoc', description: 'Co robi Atelier, jego polecenia i przyciski oraz twoje limity' },
  queue: {
    name: 'kolejka',
    description: 'Co jest teraz malowane i co czeka, z szacowanym czasem',
    options: {
      remove: { name: 'usuń', description: 'Moderacja: usuń to zadanie (jego numer) z kolejki' },
      reason: { name: 'powód', description: 'Moderacja: dlaczego zostało usunięte (zobaczy to autor)' },
    },
  },
  settings: {
    name: 'ustawienia',
    description: 'Twoje własne ustawienia domyślne dla /imagine',
    options: {
      show: { name: 'pokaż', description: 'Pokaż swoje ustawienia domyślne' },
      set: {
        name: 'zmień',
        description: 'Zmień jedno lub kilka ustawień domyślnych',
        options: {
          aspect_ratio: {
            name: 'proporcje',
            description: 'Kształt twoich obrazów',
            choices: { ...aspect, default: 'domyślne bota' },
          },
          steps: { name: 'kroki', description: 'Kroki odszumiania (0: domyślne modelu)' },
          spoiler: { name: 'spoiler', description: 'Publikuj twoje obrazy jako spoiler' },
          remix: {
            name: 'remiks',
            description: 'Edytuj prompt przed wariacjami, ponownym losowaniem, oddaleniem i przesunięciem',
          },
        },
      },
      reset: { name: 'resetuj', description: 'Zapomnij twoje ustawienia domyślne' },
    },
  },
  ban: {
    name: 'zablokuj',
    description: 'Zablokuj komuś korzystanie z Atelier na tym serwerze (moderacja)',
    options: {
      user: { name: 'użytkownik', description: 'Komu zablokować bota' },
      reason: { name: 'powód', description: 'Dlaczego (zobaczy to przy próbie użycia bota)' },
      duration: { name: 'czas', description: 'Na jak długo, np. 1h, 7d, 2w (bezterminowo, gdy puste)' },
    },
  },
  unban: {
    name: 'odblokuj',
    description: 'Pozwól zablokowanej osobie znów korzystać tu z Atelier (moderacja)',
    options: {
      user: { name: 'użytkownik', description: 'Komu zdjąć blokadę' },
      reason: { name: 'powód', description: 'Dlaczego (zostaje w dzienniku)' },
    },
  },
  blocklist: {
    name: 'czarna-lista',
    description: 'Słowa i wzorce, których prompty tutaj nie mogą zawierać (moderacja)',
    options: {
      add: {
        name: 'dodaj',
        description: 'Zablokuj słowo, frazę lub /wyrażenie regularne/',
        options: {
          pattern: { name: 'wpis', description: 'np. gore, "blood bath" lub /sk(u|e)ll?s?/' },
        },
      },
      remove: {
        name: 'usuń',
        description: 'Odblokuj wpis, zapisany tak, jak został dodany',
        options: {
          pattern: { name: 'wpis', description: 'Wpis do usunięcia' },
        },
      },
      list: { name: 'lista', description: 'Pokaż wpisy tego serwera i listę wbudowaną' },
    },
  },
  limits: {
    name: 'limity',
    description: 'Zobacz lub zmień, ile wolno tu korzystać z Atelier (moderacja)',
    options: {
      show: {
        name: 'pokaż',
        description: 'Obowiązujące limity: serwera, roli lub osoby',
        options: {
          role: { name: 'rola', description: 'Pokaż wyjątki tej roli' },
          user: { name: 'użytkownik', description: 'Pokaż limity, które dotyczą tej osoby' },
        },
      },
      set: {
        name: 'ustaw',
        description: 'Zmień jeden limit dla serwera, roli lub osoby (działa od razu)',
        options: {
          level: { name: 'poziom', description: 'Kogo dotyczy limit', choices: level },
          key: { name: 'limit', description: 'Który limit', choices: limitKey },
          value: { name: 'wartość', description: 'Liczba, "unlimited", 0 albo yes/no dla przełączników' },
          role,
          user,
        },
      },
      reset: {
        name: 'resetuj',
        description: 'Usuń wyjątek, aby znów obowiązywał niższy poziom',
        options: {
          level: { name: 'poziom', description: 'Czyj to wyjątek', choices: level },
          key: { name: 'limit', description: 'Który limit (wszystkie, gdy puste)', choices: limitKey },
          role,
          user,
        },
      },
    },
  },
  usage: {
    name: 'użycie',
    description: 'Jak bardzo tu używano Atelier: sumy, najaktywniejsi, odmowy, wykres (moderacja)',
    options: {
      period: {
        name: 'okres',
        description: 'Jak daleko wstecz (tydzień, gdy puste)',
        choices: {
          day: 'dzień (ostatnie 24 godziny)',
          week: 'tydzień (ostatnie 7 dni)',
          month: 'miesiąc (ostatnie 30 dni)',
        },
      },
      user: { name: 'użytkownik', description: 'Tylko ta osoba' },
    },
  },
  modlog: {
    name: 'dziennik-moderacji',
    description: 'Ostatnie działania moderacji na tym serwerze (moderacja)',
    options: {
      page: { name: 'strona', description: '1 to najnowsza' },
      moderator: { name: 'moderator', description: 'Tylko działania tego moderatora' },
      target: { name: 'dotyczy', description: 'Tylko działania dotyczące tej osoby' },
    },
  },
  health: {
    name: 'stan',
    description: 'Moderacja: czy bot działa? Gateway, baza danych, proces inferencji, model i urządzenie, kolejka',
  },
  'Vary this image': { name: 'Wariacje tego obrazu' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'Ta wersja bota nie zna tego polecenia. Wpisz /, aby zobaczyć polecenia, które ma teraz.',
  'router.unknownButton': 'Ten bot nie rozpoznaje już tego przycisku. Utwórz nowy obraz poleceniem /imagine.',
  'router.bug':
    'Coś poszło nie tak po naszej stronie (identyfikator błędu `{errorId}`). Spróbuj ponownie; jeśli to się powtarza, przekaż ten identyfikator osobie, która prowadzi bota.',

  'job.notSaved':
    'Nie udało się zapisać twojej prośby, więc nie została uruchomiona i nic nie zostało naliczone (identyfikator błędu `{errorId}`). Spróbuj ponownie.',
  'job.modelLoading': 'Model obrazów jeszcze się wczytuje. Spróbuj ponownie za minutę.',
  'job.dmOff': 'Tutaj tworzę obrazy tylko na serwerach: osoba prowadząca bota wyłączyła wiadomości prywatne.',
  'job.blockedWord':
    'Twój prompt zawiera „{word}”, czego nie wolno używać poza kanałami z ograniczeniem wiekowym. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.blockedWordHere':
    'Twój prompt zawiera „{word}”, czego ten serwer nie dopuszcza. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.blockedPattern':
    'Twój prompt zawiera zablokowany wzorzec, którego nie wolno używać poza kanałami z ograniczeniem wiekowym. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.blockedPatternHere':
    'Twój prompt zawiera zablokowany wzorzec, którego ten serwer nie dopuszcza. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.refusedPublicNote': '-# Ta prośba nie została rozpoczęta; powód wysłałem ci prywatnie.',
  'job.uploadAccepted': 'Twój obraz jest w porządku: zadanie startuje poniżej.',
  'job.acceptedBelow': 'Twoja prośba dotarła: jej miejsce w kolejce i obrazy pojawią się poniżej.',

  'job.noPrompt': '*(bez promptu)*',
  'job.variationOfImage': 'wariacja obrazu {index} z #{job}',
  'job.variationOfPosted': 'wariacja opublikowanego obrazu',
  'job.variationOfUpload': 'wariacja przesłanego obrazu',
  'job.rerollOf': 'ponowne losowanie #{job}',
  'job.imageOf': 'obraz {index} z #{job}',
  'job.fromUpload': 'z przesłanego obrazu',
  'job.strength': 'siła {strength}',
  'job.waiting': '⏳ W kolejce: **#{position}**, {when}',
  'job.startingNow': 'zaraz się zacznie',
  'job.noWorker': 'żaden worker nie obsługuje teraz modelu **{model}**: ruszy, gdy tylko któryś się pojawi',
  'job.workersUnreachable':
    'workery obrazów są teraz nieosiągalne: twoje miejsce zostaje, a zadanie ruszy, gdy tylko wrócą',
  'job.startsIn': 'zacznie się za około {duration} ({relative})',
  'job.restarted': '🔁 Bot został uruchomiony ponownie; twoje zadanie zachowało miejsce w kolejce.',
  'job.restartedWhileRunning':
    '🔁 Bot został uruchomiony ponownie w trakcie pracy; twoje zadanie wróciło na początek kolejki.',
  'job.starting': '🎨 Zaczynam…',
  'job.loadingModel': '⏳ Wczytuję model **{model}** (pierwsze zadanie na nim od dłuższego czasu)…',
  'job.painting': '🎨 Maluję: krok {step} z {total} ({percent})',
  'job.interrupted': '⏸️ Bot uruchamia się ponownie; to zadanie jest pierwsze w kolejce i ruszy, gdy tylko bot wróci.',
  'job.cancelledByAuthor': '🚫 Anulowano na twoją prośbę. Nic nie zostało naliczone.',
  'job.cancelledByAuthorReason': '🚫 Anulowano na twoją prośbę ({reason}). Nic nie zostało naliczone.',
  'job.cancelledByModerator': '🚫 Anulowane przez moderację. Nic nie zostało naliczone.',
  'job.cancelledByModeratorReason': '🚫 Anulowane przez moderację ({reason}). Nic nie zostało naliczone.',
  'job.prepareFailed': 'Obrazy powstały, ale nie udało się ich przygotować dla Discorda. Spróbuj ponownie.',
  'job.seed': 'ziarno {seed}',
  'job.seeds': 'ziarna {first}–{last}',
  'job.steps': { one: '{count} krok', few: '{count} kroki', many: '{count} kroków', other: '{count} kroku' },
  'job.guidance': 'wierność {guidance}',
  'job.previewDescription': 'Praca w toku',
  'job.imageDescription': 'Wygenerowany obraz',
  'job.reencodedWebp': 'PNG był za duży dla tego kanału, więc został przekonwertowany do WebP.',
  'job.reencodedJpeg': 'PNG był za duży dla tego kanału, więc został przekonwertowany do JPEG.',
  'job.reencodedJpegSmaller':
    'PNG był za duży dla tego kanału, więc został przekonwertowany do JPEG w {percent} rozmiaru.',
  'job.ignoredFlags': {
    one: 'Nie zrozumiałem {flags}, więc to pominąłem (rozumiem --ar, --seed, --no, --steps, --repeat, --chaos i --guidance).',
    few: 'Nie zrozumiałem {flags}, więc je pominąłem (rozumiem --ar, --seed, --no, --steps, --repeat, --chaos i --guidance).',
    many: 'Nie zrozumiałem {flags}, więc je pominąłem (rozumiem --ar, --seed, --no, --steps, --repeat, --chaos i --guidance).',
    other:
      'Nie zrozumiałem {flags}, więc je pominąłem (rozumiem --ar, --seed, --no, --steps, --repeat, --chaos i --guidance).',
  },

  'info.title': 'Jak powstały te obrazy',
  'info.prompt': 'Prompt',
  'info.negative': 'Negatywny prompt',
  'info.none': '*(brak)*',
  'info.seed': 'Ziarno',
  'info.size': 'Rozmiar',
  'info.steps': 'Kroki',
  'info.guidance': 'Wierność',
  'info.images': 'Obrazy',
  'info.model': 'Model',
  'info.scheduler': 'Harmonogram',
  'info.strength': 'Siła',
  'info.madeFrom': 'Powstał z',
  'info.fromJob': 'zadanie #{job}',
  'info.fromJobImage': 'zadanie #{job}, obraz {index}',
  'info.job': 'Zadanie',
  'info.waited': 'czekało {duration}',
  'info.ran': 'trwało {duration}',
  'kind.imagine': 'nowy obraz',
  'kind.variation': 'wariacja',
  'kind.upscale': 'pojedynczy obraz',
  'kind.reroll': 'ponowne losowanie',
  'kind.edit': 'edycja',
  'state.queued': 'czeka',
  'state.running': 'w trakcie',
  'state.done': 'gotowe',
  'state.failed': 'nieudane',
  'state.cancelled': 'anulowane',

  'quota.banned': 'Masz zablokowany dostęp do Atelier na tym serwerze. {until}',
  'quota.bannedReason': 'Masz zablokowany dostęp do Atelier na tym serwerze (powód: {reason}). {until}',
  'quota.banNoEnd': 'Blokada nie ma daty końca.',
  'quota.banEnds': 'Kończy się {when}.',
  'quota.noQueue':
    'Nie możesz tu dodawać zadań do kolejki (twój limit to 0). Zapytaj moderację, jeśli uważasz, że to pomyłka.',
  'quota.maxQueued': {
    one: 'Masz już {count} czekające zadanie, a więcej naraz nie wolno ({max}). Spróbuj ponownie, gdy się skończy.',
    few: 'Masz już {count} czekające zadania, a więcej naraz nie wolno ({max}). Spróbuj ponownie, gdy któreś się skończy.',
    many: 'Masz już {count} czekających zadań, a więcej naraz nie wolno ({max}). Spróbuj ponownie, gdy któreś się skończy.',
    other:
      'Masz już {count} czekającego zadania, a więcej naraz nie wolno ({max}). Spróbuj ponownie, gdy któreś się skończy.',
  },
  'quota.cooldown': {
    one: 'Zwolnij trochę: między prośbami obowiązuje tu przerwa {count} sekundy. Możesz poprosić ponownie {when}.',
    few: 'Zwolnij trochę: między prośbami obowiązuje tu przerwa {count} sekund. Możesz poprosić ponownie {when}.',
    many: 'Zwolnij trochę: między prośbami obowiązuje tu przerwa {count} sekund. Możesz poprosić ponownie {when}.',
    other: 'Zwolnij trochę: między prośbami obowiązuje tu przerwa {count} sekundy. Możesz poprosić ponownie {when}.',
  },
  'quota.noImages':
    'Nie możesz tu tworzyć obrazów (twój dzienny limit to 0). Zapytaj moderację, jeśli uważasz, że to pomyłka.',
  'quota.tooManyForDay': {
    one: 'Prosisz o {count} obraz, a dziennie możesz utworzyć {limit}. Poproś o mniej.',
    few: 'Prosisz o {count} obrazy, a dziennie możesz utworzyć {limit}. Poproś o mniej.',
    many: 'Prosisz o {count} obrazów, a dziennie możesz utworzyć {limit}. Poproś o mniej.',
    other: 'Prosisz o {count} obrazu, a dziennie możesz utworzyć {limit}. Poproś o mniej.',
  },
  'quota.dayLeft': {
    one: 'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazu, a prosisz o {asked}; teraz możesz poprosić o {left}, o więcej {when}.',
    few: 'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazów, a prosisz o {asked}; teraz możesz poprosić o {left}, o więcej {when}.',
    many: 'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazów, a prosisz o {asked}; teraz możesz poprosić o {left}, o więcej {when}.',
    other:
      'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazu, a prosisz o {asked}; teraz możesz poprosić o {left}, o więcej {when}.',
  },
  'quota.dayUsed': {
    one: 'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazu; znów będzie dostępny {when}.',
    few: 'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazów; znów będą dostępne {when}.',
    many: 'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazów; znów będą dostępne {when}.',
    other: 'W ciągu ostatnich 24 godzin wykorzystano {used} z {count} obrazu; znów będą dostępne {when}.',
  },
  'quota.later': 'później',
  'quota.guildTooSmall': {
    one: 'Ten serwer może tworzyć {count} obraz dziennie, za mało na tę prośbę. Poproś o mniej albo zwróć się do moderacji.',
    few: 'Ten serwer może tworzyć {count} obrazy dziennie, za mało na tę prośbę. Poproś o mniej albo zwróć się do moderacji.',
    many: 'Ten serwer może tworzyć {count} obrazów dziennie, za mało na tę prośbę. Poproś o mniej albo zwróć się do moderacji.',
    other:
      'Ten serwer może tworzyć {count} obrazu dziennie, za mało na tę prośbę. Poproś o mniej albo zwróć się do moderacji.',
  },
  'quota.guildUsed': {
    one: 'W ciągu ostatnich 24 godzin ten serwer wykorzystał {used} z {count} obrazu. Kolejne będą dostępne {when}.',
    few: 'W ciągu ostatnich 24 godzin ten serwer wykorzystał {used} z {count} obrazów. Kolejne będą dostępne {when}.',
    many: 'W ciągu ostatnich 24 godzin ten serwer wykorzystał {used} z {count} obrazów. Kolejne będą dostępne {when}.',
    other: 'W ciągu ostatnich 24 godzin ten serwer wykorzystał {used} z {count} obrazu. Kolejne będą dostępne {when}.',
  },
  'quota.queueFull': {
    one: 'Kolejka jest pełna: czeka {count} zadanie, więcej się nie zmieści. Nic nie zostało naliczone; spróbuj ponownie za kilka minut.',
    few: 'Kolejka jest pełna: czekają {count} zadania, więcej się nie zmieści. Nic nie zostało naliczone; spróbuj ponownie za kilka minut.',
    many: 'Kolejka jest pełna: czeka {count} zadań, więcej się nie zmieści. Nic nie zostało naliczone; spróbuj ponownie za kilka minut.',
    other:
      'Kolejka jest pełna: czeka {count} zadania, więcej się nie zmieści. Nic nie zostało naliczone; spróbuj ponownie za kilka minut.',
  },
  'shape.uploads': 'Wysyłanie obrazów jest tu wyłączone. Poproś ponownie bez obrazu albo zwróć się do moderacji.',
  'shape.width':
    'Szerokość {value} px przekracza tutejszy limit (najwyżej {max} px). Poproś o mniejszy rozmiar lub inne proporcje.',
  'shape.height':
    'Wysokość {value} px przekracza tutejszy limit (najwyżej {max} px). Poproś o mniejszy rozmiar lub inne proporcje.',
  'shape.pixels':
    '{width}x{height} to {value} pikseli, więcej niż tu wolno (najwyżej {max}). Poproś o mniejszy rozmiar.',
  'shape.steps': '{value} kroków to więcej niż tu wolno (najwyżej {max}). Poproś o {max} kroków lub mniej.',
  'shape.images': '{value} obrazów naraz to więcej niż tu wolno (najwyżej {max}). Poproś o mniej.',

  'button.unknownJob':
    'Nie mam tu żadnego śladu zadania #{job}, więc ten przycisk nic nie zrobi. Utwórz nowy obraz poleceniem /imagine.',
  'button.deletedJob': 'Te obrazy zostały usunięte, więc ich przyciski już nie działają.',
  'button.notDone':
    'To zadanie jeszcze się nie skończyło, więc nie ma obrazów do użycia. Kliknij ponownie, gdy będzie gotowe.',
  'button.failedJob': 'To zadanie się nie udało, więc nie ma obrazów do użycia. Utwórz nowy obraz poleceniem /imagine.',
  'button.cancelledJob':
    'To zadanie zostało anulowane, więc nie ma obrazów do użycia. Utwórz nowy obraz poleceniem /imagine.',
  'button.imageGoneDerived':
    'Obraz {index} z zadania #{job} wygasł, podobnie jak obraz, z którego powstał (to wariacja lub edycja), więc nie da się go odtworzyć dokładnie. **Utwórz ponownie oryginał** maluje od nowa zadanie #{origin} z tym samym promptem, ustawieniami i ziarnem, czyli te same obrazy; potem utwórz wariację lub edytuj nowy.',
  'button.imageGone':
    'Obraz {index} z zadania #{job} wygasł (stare obrazy są po pewnym czasie usuwane, żeby oszczędzać miejsce), więc ten przycisk nie może go użyć. Aby utworzyć go ponownie, użyj /imagine z tym samym promptem, ustawieniami i `--seed {seed}` (przycisk Info je pokazuje).',
  'button.notOwnerDelete': 'Te obrazy może usunąć tylko osoba, która o nie poprosiła, albo moderacja.',
  'button.notOwnerCancel': 'To zadanie może anulować tylko osoba, która o nie poprosiła, albo moderacja.',
  'button.alreadyFinished': 'To zadanie już się skończyło, więc nie ma czego anulować.',
  'button.alreadyCancelled': 'To zadanie zostało już anulowane, więc nie ma czego anulować.',
  'button.alreadyFailed': 'To zadanie już się nie udało, więc nie ma czego anulować.',
  'button.alreadyGone': 'Tego zadania już nie ma, więc nie ma czego anulować.',
  'job.noImg2img': 'Wczytany model ({model}) nie potrafi zaczynać od obrazu. Poproś bez obrazu.',
  'job.badStrength': 'Siła ma znaczenie tylko wtedy, gdy dołączysz obraz początkowy. Dołącz go albo pomiń siłę.',
  'job.badScheduler': 'Nie ma harmonogramu o nazwie "{name}"; wybierz jeden z: {choices}.',
  'job.badModel': 'Nie ma zainstalowanego modelu o nazwie "{name}"; wybierz jeden z: {choices}.',
  'vary.noPicture':
    'Ta wiadomość nie ma dołączonego obrazu. Użyj „{command}” na wiadomości z obrazem PNG, JPEG lub WebP.',
  'vary.notPicture':
    'Załącznik tej wiadomości (`{file}`) nie jest obrazem. Użyj „{command}” na wiadomości z obrazem PNG, JPEG lub WebP.',
  'vary.noImg2img':
    'Wczytany model ({model}) nie potrafi zaczynać od obrazu, więc nie zrobi wariacji. Użyj zamiast tego /imagine z promptem.',
  'upload.pixels':
    'Ten obraz ma {width}x{height} pikseli ({megapixels} megapiksela); przyjmuję obrazy do {max} megapikseli i {side} pikseli na bok. Zmniejsz go i spróbuj ponownie.',
  'upload.type': '`{file}` to plik {type}, a nie obraz, od którego mogę zacząć. Dołącz obraz PNG, JPEG lub WebP.',
  'upload.unknownType':
    '`{file}` to nieznany mi typ pliku, a nie obraz, od którego mogę zacząć. Dołącz obraz PNG, JPEG lub WebP.',
  'upload.size':
    '`{file}` ma {size}; przyjmuję obrazy do {max}. Zapisz go mniejszy (JPEG lub WebP jest dużo mniejszy niż PNG) i spróbuj ponownie.',
  'upload.host':
    'Pobieram tylko obrazy przesłane do samego Discorda, a ten wskazuje gdzie indziej. Prześlij obraz do Discorda (dołącz plik) i spróbuj ponownie.',
  'upload.timeout':
    'Pobieranie twojego obrazu z Discorda trwało dłużej niż {seconds} s, więc przerwałem. Spróbuj ponownie za chwilę albo prześlij mniejszy obraz.',
  'upload.failed':
    'Nie udało się pobrać twojego obrazu z Discorda (połączenie odrzucone lub zerwane). Spróbuj ponownie za chwilę albo prześlij obraz jeszcze raz.',
  'upload.redirect':
    'Discord przekierował adres twojego obrazu gdzie indziej, a przekierowań nie śledzę. Prześlij obraz jeszcze raz.',
  'upload.http':
    'Nie udało mi się pobrać twojego obrazu z Discorda (HTTP {status}). Spróbuj ponownie albo prześlij go jeszcze raz.',
  'upload.tooBig': 'Ten obraz ma {size}; przyjmuję obrazy do {max}.',
  'upload.overMax': 'Ten obraz ma więcej niż {max}, czyli więcej, niż przyjmuję.',
  'upload.notImage': 'Ten plik nie jest obrazem PNG, JPEG ani WebP (niezależnie od nazwy). Dołącz jeden z nich.',
  'upload.damaged': 'Nie da się odczytać tego obrazu: plik wygląda na uszkodzony. Spróbuj zapisać go ponownie.',
  'upload.noSize': 'Nie da się odczytać tego obrazu: nie ma rozmiaru. Spróbuj zapisać go ponownie.',
  'queue.restarting': 'Bot uruchamia się ponownie i nie przyjmuje nowych próśb. Spróbuj ponownie za minutę.',
  'queue.full': 'Kolejka jest pełna (czeka: {count}). Spróbuj ponownie za kilka minut.',
  'queue.userFull': {
    one: 'Masz już {count} zadanie w kolejce, więcej jedna osoba mieć nie może. Poczekaj, aż się skończy (albo je anuluj), i spróbuj ponownie.',
    few: 'Masz już {count} zadania w kolejce, więcej jedna osoba mieć nie może. Poczekaj, aż któreś się skończy (albo anuluj jedno), i spróbuj ponownie.',
    many: 'Masz już {count} zadań w kolejce, więcej jedna osoba mieć nie może. Poczekaj, aż któreś się skończy (albo anuluj jedno), i spróbuj ponownie.',
    other:
      'Masz już {count} zadania w kolejce, więcej jedna osoba mieć nie może. Poczekaj, aż któreś się skończy (albo anuluj jedno), i spróbuj ponownie.',
  },

  'info.cmd.banned': '**Masz zablokowany dostęp do Atelier na tym serwerze**. {until}',
  'info.cmd.bannedReason': '**Masz zablokowany dostęp do Atelier na tym serwerze** (powód: {reason}). {until}',
  'info.cmd.imagesUnlimited': {
    one: '**Obrazy:** nie masz tu dziennego limitu ({count} obraz w ciągu ostatnich 24 godzin).',
    few: '**Obrazy:** nie masz tu dziennego limitu ({count} obrazy w ciągu ostatnich 24 godzin).',
    many: '**Obrazy:** nie masz tu dziennego limitu ({count} obrazów w ciągu ostatnich 24 godzin).',
    other: '**Obrazy:** nie masz tu dziennego limitu ({count} obrazu w ciągu ostatnich 24 godzin).',
  },
  'info.cmd.imagesNone': '**Obrazy:** nie możesz tu tworzyć obrazów (twój dzienny limit to 0).',
  'info.cmd.imagesLeft': '**Pozostałe obrazy:** {left} z {limit} w ciągu ostatnich 24 godzin (okno ruchome).',
  'info.cmd.imagesLeftNext':
    '**Pozostałe obrazy:** {left} z {limit} w ciągu ostatnich 24 godzin (okno ruchome); następny zwolni się {when}.',
  'info.cmd.guildLeft': {
    one: '**Ten serwer:** został {count} obraz w ciągu ostatnich 24 godzin.',
    few: '**Ten serwer:** zostały {count} obrazy w ciągu ostatnich 24 godzin.',
    many: '**Ten serwer:** zostało {count} obrazów w ciągu ostatnich 24 godzin.',
    other: '**Ten serwer:** zostało {count} obrazu w ciągu ostatnich 24 godzin.',
  },
  'info.cmd.cooldownUntil': '**Przerwa:** możesz poprosić ponownie {when}.',
  'info.cmd.cooldown': '**Przerwa:** {duration} między prośbami; możesz już prosić.',
  'info.cmd.noCooldown': '**Przerwa:** brak.',
  'info.cmd.jobs': '**Twoje zadania:** w trakcie: {running}, czekające: {waiting}',
  'info.cmd.jobsMax': '**Twoje zadania:** w trakcie: {running}, czekające: {waiting} (naraz możesz mieć {max})',
  'info.cmd.listFollows': ':',
  'info.cmd.end': '.',
  'info.cmd.runningJob': '• zadanie {job} „{prompt}”: w trakcie, gotowe {when}',
  'info.cmd.runningJobStep': '• zadanie {job} „{prompt}”: w trakcie, krok {step} z {total}, gotowe {when}',
  'info.cmd.queuedJob': '• zadanie {job} „{prompt}”: #{position} w kolejce, start {when}',
  'info.cmd.more': '• i jeszcze {count}',
  'info.cmd.queue': '**Kolejka:** czekające: {waiting}, w trakcie: {running}.',
  'info.cmd.modelLoading': '**Model:** jeszcze się wczytuje; zapytaj ponownie za chwilę.',
  'info.cmd.model': {
    one: '**Model:** {name} ({family}, {dtype}) na **{device}**{fallback}, domyślnie {count} krok',
    few: '**Model:** {name} ({family}, {dtype}) na **{device}**{fallback}, domyślnie {count} kroki',
    many: '**Model:** {name} ({family}, {dtype}) na **{device}**{fallback}, domyślnie {count} kroków',
    other: '**Model:** {name} ({family}, {dtype}) na **{device}**{fallback}, domyślnie {count} kroku',
  },
  'info.cmd.fallback':
    ' ({wanted} jest skonfigurowany, ale tu niedostępny; dziennik osoby prowadzącej bota mówi, jak to naprawić)',
  'info.cmd.demo':
    'To mały model demonstracyjny dołączony do Atelier: maluje tylko proste sceny. Osoba prowadząca bota może zainstalować prawdziwy poleceniem `{command}`.',

  'help.button.region':
    '**{region}**: namaluj ponownie część obrazu (połowę, jedną trzecią, róg) z promptem, który możesz zmienić',
  'help.button.zoom': '**{zoom2}** / **{zoom15}**: oddal kadr i domaluj więcej wokół obrazu',
  'help.button.pan': '**⬅️ ➡️ ⬆️ ⬇️**: poszerz obraz w tym kierunku',
  'help.button.upscaleMore':
    '**{subtle}**: większa kopia bez zmian; **{creative}**: większa i przemalowana z drobniejszymi szczegółami',
  'edit.regionLabel': 'Obszar do przemalowania',
  'edit.promptLabel': 'Prompt dla obszaru',
  'edit.negativeLabel': 'Negatywny prompt',
  'edit.noVae': 'Wczytany model ({model}) nie ma kodera VAE, więc nie może edytować obrazu.',
  'edit.badRegion': 'Wybierz z listy obszar do przemalowania.',
  'edit.region.left': 'Lewa połowa',
  'edit.region.right': 'Prawa połowa',
  'edit.region.top': 'Górna połowa',
  'edit.region.bottom': 'Dolna połowa',
  'edit.region.left-third': 'Lewa jedna trzecia',
  'edit.region.middle-third': 'Środkowa jedna trzecia',
  'edit.region.right-third': 'Prawa jedna trzecia',
  'edit.region.centre': 'Środek',
  'edit.region.top-left': 'Lewy górny róg',
  'edit.region.top-right': 'Prawy górny róg',
  'edit.region.bottom-left': 'Lewy dolny róg',
  'edit.region.bottom-right': 'Prawy dolny róg',

  'queue.view.empty': 'Kolejka jest pusta: nic się nie maluje i nic nie czeka. `/imagine` zacznie od razu.',
  'queue.view.hereDm': 'tutaj',
  'queue.view.hereGuild': 'na tym serwerze',
  'queue.view.summary':
    '**Kolejka {where}:** w trakcie: {running}, czeka: {waiting}. **Wszystkie serwery:** w trakcie: {allRunning}, czeka: {allWaiting} (miejsca: {room}).',
  'queue.view.summaryMine':
    '**Kolejka {where}:** w trakcie: {running}, czeka: {waiting} (twoje: {mine}). **Wszystkie serwery:** w trakcie: {allRunning}, czeka: {allWaiting} (miejsca: {room}).',
  'queue.view.restarting': 'Bot uruchamia się ponownie: czekające zadania ruszą, gdy wróci.',
  'queue.view.running': '**W trakcie**',
  'queue.view.waiting':
    '**Czeka** (numeracja według miejsca we wspólnej kolejce wszystkich serwerów; wszyscy po kolei)',
  'queue.view.more': '… i jeszcze {count}',
  'queue.view.job': {
    one: 'zadanie {job}: {width}×{height}, {steps}, {count} obraz',
    few: 'zadanie {job}: {width}×{height}, {steps}, {count} obrazy',
    many: 'zadanie {job}: {width}×{height}, {steps}, {count} obrazów',
    other: 'zadanie {job}: {width}×{height}, {steps}, {count} obrazu',
  },
  'queue.view.step': 'krok {step}/{total}',
  'queue.view.doneIn': 'gotowe {when}',
  'queue.view.startsIn': 'start {when}',
  'queue.view.yours': 'twoje ({mention})',
  'queue.view.moment': 'za chwilę',
  'settings.title': '**Twoje ustawienia domyślne dla /imagine**',
  'settings.never': ' (nigdy nie zmieniane)',
  'settings.hint': 'Zmień je poleceniem `/settings set`; opcje podane w /imagine zawsze mają pierwszeństwo.',
  'settings.saved': 'Zapisano. Twoje ustawienia domyślne dla /imagine to teraz:',
  'settings.forgotten': 'Twoje ustawienia domyślne zostały zapomniane: /imagine znów używa ustawień bota.',
  'settings.none': 'Nie było zapisanych ustawień, więc nic się nie zmieniło.',
  'settings.nothing':
    'Podaj przynajmniej jedno z `aspect_ratio`, `steps` lub `spoiler`/`remix` do zmiany. `/settings show` je pokazuje.',
  'settings.aspect': '• Proporcje: **{value}**',
  'settings.steps': '• Kroki: **{value}**',
  'settings.spoiler': '• Spoiler: **{value}**{note}',
  'settings.remix':
    '• Remix: **{value}** (włączony: warianty, ponowienia, oddalenia, przesunięcia i Upscale (Creative) najpierw otwierają formularz z promptem)',
  'settings.botDefaultRatio': 'domyślne bota (1:1)',
  'settings.modelDefault': 'domyślne modelu',
  'settings.capped': '{steps} (ten serwer pozwala najwyżej na {max}, więc tutaj używane jest {max})',
  'settings.yes': 'tak',
  'settings.no': 'nie',
  'settings.spoilerForced': ' (ten serwer i tak publikuje każdy obraz jako spoiler)',

  'mod.notInGuild': 'Polecenia moderacji działają na serwerze, nie w wiadomościach prywatnych.',
  'mod.notModerator':
    'Niestety to polecenie jest dla moderacji: wymaga tutaj uprawnienia **Zarządzanie serwerem**. Nic nie zostało zmienione.',
  'queue.remove.noJob': 'Na tym serwerze nie ma zadania {job}. `/queue` pokazuje numery zadań.',
  'queue.remove.finished': 'Zadanie {job} już się skończyło: nie ma czego usuwać.',
  'queue.remove.failed': 'Zadanie {job} już się nie udało: nie ma czego usuwać.',
  'queue.remove.cancelled': 'Zadanie {job} zostało już anulowane: nie ma czego usuwać.',
  'queue.remove.justFinished': 'Zadanie {job} właśnie się skończyło: nie ma czego usuwać.',
  'queue.remove.done':
    'Usunięto zadanie {job} użytkownika {user} ({where}). Obrazy zostały zwrócone{told}. Zapisano to w dzienniku.',
  'queue.remove.wasRunning': 'było w trakcie i zostało zatrzymane',
  'queue.remove.wasQueued': 'było #{position} w kolejce',
  'queue.remove.told': ', a ta osoba poznała powód: {reason}',

  'fail.bug':
    'Coś poszło nie tak po naszej stronie podczas tworzenia twoich obrazów (identyfikator błędu `{errorId}`). Spróbuj ponownie; jeśli to się powtarza, przekaż ten identyfikator osobie, która prowadzi bota.',
  'fail.modelGone':
    'Model „{model}”, dla którego utworzono to zadanie, nie jest już zainstalowany, więc nie może zostać wykonane; nic nie zostało odliczone z Twojego limitu. Wybierz inny przez /imagine model:.',
  'fail.crashed':
    'Generator obrazów uległ awarii {count} razy przy tym zadaniu, więc zostało zatrzymane. Spróbuj mniejszego rozmiaru, mniej kroków lub mniej obrazów.',
  'fail.timeout':
    'To zadanie przekroczyło limit czasu {seconds} s i zostało zatrzymane. Spróbuj mniej kroków, mniejszego rozmiaru lub mniej obrazów.',
  'fail.interrupted':
    'To zadanie zostało przerwane {count} razy (bot lub generator obrazów zatrzymał się w trakcie), więc nie próbowano ponownie. Spróbuj mniejszego rozmiaru, mniej kroków lub mniej obrazów.',

  'flag.noNeedsText': '`--no` wymaga tego, czego ma nie być, np. `--no cars, text`.',
  'flag.seed': '{label} przyjmuje liczbę całkowitą od 0 do {max}{given}.',
  'flag.whole': '{label} przyjmuje liczbę całkowitą od {min} do {max}{given}.',
  'flag.number': '{label} przyjmuje liczbę od {min} do {max}{given}.',
  'flag.tooManyJobs':
    'To daje {jobs} zadań ({permutations} promptów z opcji w nawiasach klamrowych, każdy razy jego --repeat); jeden prompt może uruchomić najwyżej {max}. Użyj mniej opcji lub mniejszego --repeat.',
  'job.manyJobs':
    'Twój prompt daje {jobs} zadań: {images} obrazów z twojego limitu{left}. Startują poniżej, każde we własnej wiadomości.',
  'job.manyJobsLeft': '; potem zostanie {n}',
  'job.confirmMany': 'Twój prompt daje {jobs} zadań: {images} obrazów z limitu{left}. Uruchomić?',
  'button.runMany': 'Uruchom zadania ({jobs})',
  'button.dropMany': 'Anuluj',
  'job.confirmGone':
    'Te zadania zostały już uruchomione lub anulowane albo pytanie ma ponad 15 minut: wyślij prompt ponownie.',
  'job.confirmCancelled': 'Anulowano: nic nie zostało uruchomione ani naliczone.',
  'flag.ratio': '{label} przyjmuje proporcje takie jak 16:9, 3:2 lub 1:1{given}.',
  'flag.extreme': '{label} {value} to zbyt skrajne proporcje: najwyżej 4:1 lub 1:4.',
  'flag.given': ', a nie „{value}”',
  'vary.formGone': 'Ten formularz nie pasuje już do żadnej wiadomości. Użyj „{command}” ponownie.',
  'vary.messageGone': 'Tej wiadomości już nie ma, więc nie ma obrazu do wariacji.',
  'vary.pickStrength': 'Wybierz jedną z proponowanych sił.',

  'button.cancel': 'Anuluj',
  'button.reroll': 'Losuj ponownie',
  'button.remake': 'Utwórz ponownie',
  'button.remakeOrigin': 'Utwórz ponownie oryginał',
  'button.info': 'Info',
  'button.delete': 'Usuń',
  'button.subtle': 'Wariacja (subtelna)',
  'button.region': 'Zmień (obszar)',
  'button.paint': 'Zamaluj obszar (playground)',
  'button.zoom2': 'Oddal 2x',
  'button.zoom15': 'Oddal 1,5x',
  'button.upscaleSubtle': 'Powiększ (subtelnie)',
  'button.upscaleCreative': 'Powiększ (twórczo)',
  'button.strong': 'Wariacja (mocna)',

  'help.title': 'Atelier: pomoc',
  'help.intro':
    'Maluję obrazy na podstawie opisu, na własnym komputerze osoby prowadzącej ten serwer. Wpisz {imagine} i to, co chcesz zobaczyć: od razu odpowiem twoim miejscem w kolejce, pokażę obraz w trakcie malowania, a potem opublikuję gotowe obrazy z przyciskami do dalszej pracy.',
  'help.commands': 'Polecenia',
  'help.cmd.imagine':
    'namaluj obraz na podstawie opisu; opcje dodają negatywny prompt, proporcje, ziarno, kroki, wierność, liczbę obrazów albo obraz początkowy',
  'help.cmd.info': 'ile obrazów zostało ci dziś, twoje zadania w kolejce i używany model',
  'help.cmd.queue': 'co jest teraz malowane i co czeka, z szacowanym czasem',
  'help.cmd.settings': 'twoje własne ustawienia domyślne dla /imagine: proporcje, kroki, spoiler',
  'help.cmd.help': 'ta pomoc, widoczna tylko dla ciebie',
  'help.cmd.vary': 'dla każdego obrazu opublikowanego na kanale: otwórz menu wiadomości, potem Aplikacje → **{name}**',
  'help.buttons': 'Przyciski pod obrazem',
  'help.button.upscale': '**U1, U2…**: ten obraz osobno, w pełnym rozmiarze, z własnymi przyciskami',
  'help.button.vary': '**V1, V2…**: nowe wariacje tego obrazu',
  'help.button.subtle': '**{subtle}** / **{strong}**: bliska albo swobodniejsza wariacja pojedynczego obrazu',
  'help.button.reroll': '**{reroll}**: ta sama prośba jeszcze raz, z nowymi ziarnami',
  'help.button.info':
    '**{info}**: jak powstały obrazy (prompt, ziarno, rozmiar, kroki, model), widoczne tylko dla ciebie',
  'help.button.delete': '**{delete}**: usuwa obrazy (autor albo moderacja)',
  'help.button.cancel':
    '**{cancel}**: zatrzymuje zadanie czekające lub w trakcie (autor albo moderacja); nic nie jest naliczane',
  'help.flags': 'Flagi w prompcie',
  'help.flagsText':
    'Dodaj je na końcu promptu: `--ar 16:9` proporcje, `--seed 42` ten sam obraz jeszcze raz, `--no text` czego ma nie być, `--steps 30` więcej kroków odszumiania, `--guidance 7` jak ściśle trzymać się promptu.',
  'help.english':
    'Model czyta tylko po angielsku: pisz prompt po angielsku, a wyniki będą najlepsze. Cała reszta (polecenia, odpowiedzi, przyciski) jest w języku twojego Discorda.',
  'help.limits': 'Twoje limity tutaj',
  'help.limit.banned': 'Masz zablokowany dostęp do Atelier na tym serwerze.',
  'help.limit.imagesUnlimited': 'Obrazy: nie masz dziennego limitu.',
  'help.limit.imagesNone': 'Obrazy: nie możesz tu tworzyć obrazów.',
  'help.limit.images': {
    one: 'Obrazy: zostało {left} z {count} obrazu w ciągu ostatnich 24 godzin (okno ruchome).',
    few: 'Obrazy: zostało {left} z {count} obrazów w ciągu ostatnich 24 godzin (okno ruchome).',
    many: 'Obrazy: zostało {left} z {count} obrazów w ciągu ostatnich 24 godzin (okno ruchome).',
    other: 'Obrazy: zostało {left} z {count} obrazu w ciągu ostatnich 24 godzin (okno ruchome).',
  },
  'help.limit.cooldown': 'Przerwa: {duration} między dwiema prośbami.',
  'help.limit.noCooldown': 'Przerwa: brak.',
  'help.limit.queued': {
    one: 'Najwyżej {count} zadanie czekające naraz.',
    few: 'Najwyżej {count} zadania czekające naraz.',
    many: 'Najwyżej {count} zadań czekających naraz.',
    other: 'Najwyżej {count} zadania czekającego naraz.',
  },
  'help.limit.size': 'Największy obraz: {width}×{height} pikseli, do {steps} kroków, {images} obrazów na prośbę.',
  'help.limit.uploadsOff': 'Zaczynanie od własnego obrazu jest tu wyłączone.',
  'help.model': 'Co potrafi model',
  'help.modelLoading': 'Model jeszcze się wczytuje; zapytaj ponownie za minutę.',
  'help.modelDemo':
    'Ten bot używa małego modelu demonstracyjnego dołączonego do Atelier. Maluje jeden kształt ({shapes}) w jednym kolorze ({colours}) w jednym miejscu ({positions}), na tle w innym kolorze, na przykład „a red star on the left on a blue background”. Zna tylko te angielskie słowa, a wszystkie inne pomija.',
  'help.modelReal':
    'Model to **{name}**. Najlepiej trzyma się krótkich, konkretnych opisów po angielsku i czyta tylko mniej więcej pierwsze 75 fragmentów słów promptu; czytelny tekst, dłonie i dokładna liczba przedmiotów często wychodzą źle.',
  'help.moderators': 'Dla moderacji (Zarządzanie serwerem)',
  'help.mod.limits': 'zobacz lub zmień limity serwera, roli lub osoby',
  'help.mod.ban': 'zablokuj komuś Atelier tutaj, na jakiś czas albo na stałe',
  'help.mod.unban': 'zdejmij blokadę',
  'help.mod.blocklist': 'słowa i wzorce, których prompty tutaj nie mogą zawierać',
  'help.mod.usage': 'jak bardzo używano Atelier: sumy, najaktywniejsi, odmowy, wykres',
  'help.mod.modlog': 'ostatnie działania moderacji',
  'help.mod.queueRemove': 'usuń czyjeś zadanie z kolejki, z powodem, który ta osoba zobaczy',
  'help.mod.health': 'czy bot działa dobrze: gateway, baza danych, generator obrazów, model, kolejka',
  'help.mod.buttons': 'Przyciskami pod obrazami możesz też anulować lub usunąć obrazy każdej osoby.',
  'mod.target.guildWithTarget':
    'Wybrano poziom **serwer**, ale podano też rolę lub członka. Dla nich wybierz poziom rola lub użytkownik albo je usuń.',
  'mod.target.roleNeedsRole': 'Poziom **rola** wymaga opcji `rola`: wybierz rolę, której dotyczy limit.',
  'mod.target.roleNotUser': 'Poziom **rola** przyjmuje rolę, nie członka: usuń opcję `użytkownik`.',
  'mod.target.everyone': '@everyone to cały serwer: użyj zamiast tego poziomu **serwer**.',
  'mod.target.userNeedsUser':
    'Poziom **użytkownik** wymaga opcji `użytkownik`: wybierz członka, którego dotyczy limit.',
  'mod.target.userNotRole': 'Poziom **użytkownik** przyjmuje członka, nie rolę: usuń opcję `rola`.',
  'mod.target.level': '„{level}” to nie poziom: wybierz serwer, rolę lub użytkownika.',
  'mod.target.showOne': 'Jedno naraz: rola albo członek, nie oba.',
  'mod.target.guild': 'serwera',
  'mod.target.role': 'roli {role}',
  'mod.target.user': 'użytkownika {user}',
  'limits.show.user': '**Limity dla {user}** (z rolami i wyjątkami):',
  'limits.show.userNoOwn': 'Brak własnych wyjątków.',
  'limits.show.role': '**Wyjątki dla roli {role}:**',
  'limits.show.roleNone': 'Brak: członkowie z tą rolą mają limity serwera.',
  'limits.show.roleRule':
    'Gdy członek ma kilka ról z wyjątkami, liczy się najhojniejsza wartość; własny wyjątek członka ma pierwszeństwo przed wszystkimi.',
  'limits.show.guild': '**Limity na tym serwerze** (domyślne i wyjątki serwera):',
  'limits.show.overrides': '**Wyjątki:**',
  'limits.show.hint': 'Zmień limit przez `/limity ustaw`; limity członka pokaże `/limity pokaż użytkownik:`.',
  'limits.source.default': 'domyślny',
  'limits.source.guild': 'serwer',
  'limits.source.role': 'rola {role}',
  'limits.source.user': 'użytkownik',
  'limits.overrides.none': 'Brak wyjątków: każdy limit ma wartość domyślną.',
  'limits.overrides.guild': 'Serwer',
  'limits.overrides.role': 'Rola {role}',
  'limits.overrides.user': 'Użytkownik {user}',
  'limits.notSet': 'nieustawiony',
  'limits.defaultWas': ' (domyślnie było {value})',
  'limits.set':
    'Ustawiono `{key}` ({label}) dla {target}: {before}{default} → {after}. Obowiązuje od następnego żądania, bez restartu.',
  'limits.resetNothing': 'Nie było czego resetować: dla {target} nie ma wyjątków.',
  'limits.resetNothingKey': 'Nie było czego resetować: dla {target} nie ma wyjątku dla `{key}`.',
  'limits.reset': {
    one: 'Usunięto {count} wyjątek dla {target}: {list}. {next}',
    few: 'Usunięto {count} wyjątki dla {target}: {list}. {next}',
    many: 'Usunięto {count} wyjątków dla {target}: {list}. {next}',
    other: 'Usunięto {count} wyjątku dla {target}: {list}. {next}',
  },
  'limits.resetWas': '`{key}` (było {value})',
  'limits.defaultsApply': 'Od następnego żądania znów obowiązują wartości domyślne.',
  'limits.guildApplies': 'Od następnego żądania znów obowiązują limity serwera.',
  'ban.noReason': 'Podaj powód: trafi do dziennika i zostanie pokazany tej osobie.',
  'ban.self': 'Nie możesz zablokować samego siebie.',
  'ban.bot': '{user} to bot: boty i tak nie mogą używać poleceń Atelier.',
  'ban.moderator':
    '{user} ma tu uprawnienie Zarządzanie serwerem, więc blokada by nie wytrzymała (mógłby ją zdjąć). Jeśli naprawdę tego chcesz, najpierw odbierz to uprawnienie.',
  'ban.noEnd': 'bez daty końca (zdejmiesz ją przez `/odblokuj`)',
  'ban.until': 'na {duration}, do {date} ({relative})',
  'ban.done': '{user} nie może już używać Atelier na tym serwerze, {until}. Powód: {reason}',
  'ban.cancelled': {
    one: 'Anulowano (i zwrócono) {count} oczekujące zadanie tej osoby; zadanie już trwające dobiegnie końca.',
    few: 'Anulowano (i zwrócono) {count} oczekujące zadania tej osoby; zadanie już trwające dobiegnie końca.',
    many: 'Anulowano (i zwrócono) {count} oczekujących zadań tej osoby; zadanie już trwające dobiegnie końca.',
    other: 'Anulowano (i zwrócono) {count} oczekującego zadania tej osoby; zadanie już trwające dobiegnie końca.',
  },
  'ban.noJobs': 'Nie było oczekujących zadań.',
  'unban.done': '{user} znów może używać Atelier na tym serwerze.',
  'unban.doneReason': '{user} znów może używać Atelier na tym serwerze. (Powód blokady: {reason})',
  'unban.notBanned': '{user} nie jest tu zablokowany, więc nie było czego zdejmować.',
  'blocklist.added':
    'Dodano `{pattern}` do czarnej listy serwera. Od teraz prompty, które to zawierają, są odrzucane (także z inną wielkością liter, akcentami czy sztuczkami ze spacjami).',
  'blocklist.already': '`{pattern}` już jest na czarnej liście (dodał(a) {user} {when}).',
  'blocklist.builtin':
    '`{pattern}` jest na wbudowanej liście, która obowiązuje na kanałach bez ograniczenia wiekowego; nie da się tego usunąć. Oznacz kanał jako z ograniczeniem wiekowym, aby na nim na to pozwolić.',
  'blocklist.notFound':
    '`{pattern}` nie ma na czarnej liście tego serwera. `/czarna-lista lista` pokazuje wpisy tak, jak je zapisano.',
  'blocklist.removed': 'Usunięto `{pattern}` z czarnej listy tego serwera.',
  'blocklist.builtinList': '**Lista wbudowana**, obowiązuje na kanałach bez ograniczenia wiekowego: {words}.',
  'blocklist.serverList': {
    one: '**Czarna lista tego serwera** ({count} wpis):',
    few: '**Czarna lista tego serwera** ({count} wpisy):',
    many: '**Czarna lista tego serwera** ({count} wpisów):',
    other: '**Czarna lista tego serwera** ({count} wpisu):',
  },
  'blocklist.empty': 'Pusta. Dodaj wpisy przez `/czarna-lista dodaj`.',
  'usage.head': '**Użycie na tym serwerze: {period}**',
  'usage.headUser': '**Użycie przez {user} na tym serwerze: {period}**',
  'usage.period.day': 'ostatnie 24 godziny',
  'usage.period.week': 'ostatnie 7 dni',
  'usage.period.month': 'ostatnie 30 dni',
  'usage.requests': {
    one: 'Żądania: **{requests}** (przyjęte: {accepted}, odrzucone: {refused}) od {count} osoby',
    few: 'Żądania: **{requests}** (przyjęte: {accepted}, odrzucone: {refused}) od {count} osób',
    many: 'Żądania: **{requests}** (przyjęte: {accepted}, odrzucone: {refused}) od {count} osób',
    other: 'Żądania: **{requests}** (przyjęte: {accepted}, odrzucone: {refused}) od {count} osoby',
  },
  'usage.images': 'Obrazy: utworzone **{made}** (zamówione w przyjętych żądaniach: {asked})',
  'usage.jobs': 'Zadania: ukończone {done}, nieudane {failed}, anulowane {cancelled}',
  'usage.times': 'Średnie oczekiwanie {wait}, średni czas pracy {run}',
  'usage.na': 'b.d.',
  'usage.top': '**Najaktywniejsi użytkownicy**',
  'usage.nobody': 'Nikt.',
  'usage.topLine': {
    one: '{rank}. {user}: {count} obraz, {requests}{refused}',
    few: '{rank}. {user}: {count} obrazy, {requests}{refused}',
    many: '{rank}. {user}: {count} obrazów, {requests}{refused}',
    other: '{rank}. {user}: {count} obrazu, {requests}{refused}',
  },
  'usage.requestCount': {
    one: '{count} żądanie',
    few: '{count} żądania',
    many: '{count} żądań',
    other: '{count} żądania',
  },
  'usage.refusedCount': ' (odrzucone: {refused})',
  'usage.refusals': '**Odmowy według powodu:** {list}',
  'usage.none': 'Brak.',
  'usage.latest': '**Ostatnie odmowy**',
  'usage.chartDescription': 'Obrazy dziennie w ostatnich {days} dniach',
  'modlog.title': '**Działania moderatorów**, strona {page}',
  'modlog.titleFiltered': '**Działania moderatorów {filters}**, strona {page}',
  'modlog.by': 'wykonane przez {user}',
  'modlog.about': 'dotyczące {user}',
  'modlog.newestFirst': ' (od najnowszych)',
  'modlog.nothing': 'Jeszcze nic.',
  'modlog.tooFar': 'Tak dawnych wpisów nie ma.',
  'modlog.more': 'Więcej przez `/dziennik-moderacji strona:{page}`.',
  'audit.limits.set': 'ustawił(a) limit dla',
  'audit.limits.reset': 'zresetował(a) limity dla',
  'audit.ban': 'zablokował(a)',
  'audit.unban': 'odblokował(a)',
  'audit.blocklist.add': 'dodał(a) do czarnej listy',
  'audit.blocklist.remove': 'usunął/usunęła z czarnej listy',
  'audit.queue.remove': 'usunął/usunęła zadanie',
  'audit.until': ' do {date}',
  'audit.noEnd': ' bezterminowo',
  'health.unavailable': 'Raport o stanie nie jest dostępny w tym procesie.',
  'health.ready': '**Gotowy** (działa od {seconds} s)',
  'health.notReady': '**Niegotowy** (działa od {seconds} s)',
  'health.gatewayReady': 'Gateway: gotowy',
  'health.gatewayNotReady': 'Gateway: niegotowy',
  'health.ping': ', ping {ms} ms',
  'health.gatewayUnused': 'Gateway: nieużywany',
  'health.dbWritable': 'Baza danych: zapisywalna',
  'health.dbNotWritable': 'Baza danych: niezapisywalna',
  'health.inference': 'Inferencja: {model} na {provider}',
  'health.inferenceDown': 'Inferencja: nie działa lub model niezaładowany',
  'health.queue': 'Kolejka: oczekuje {waiting}, w toku {running}',
  'health.notAccepting': ' (nie przyjmuje zadań: zatrzymywanie)',
  'duration.help':
    'Podaj czas, np. 30m, 12h, 7d lub 2w (minuty, godziny, dni, tygodnie), albo zostaw puste dla blokady bezterminowej.',
  'duration.empty': 'Czas jest pusty. {help}',
  'duration.unit': '„{unit}” w „{input}” to nie jednostka, którą znam. {help}',
  'duration.bad': '„{input}” to nie czas, który rozumiem. {help}',
  'duration.short': 'Blokada musi trwać co najmniej minutę.',
  'duration.long': 'To ponad rok: zostaw czas pusty dla blokady bezterminowej.',
  'editSize.editWidth': 'Edytowany obraz miałby {width} px szerokości, ponad limit szerokości {max} px.',
  'editSize.editHeight': 'Edytowany obraz miałby {height} px wysokości, ponad limit wysokości {max} px.',
  'editSize.editPixels': 'Edytowany obraz miałby {width}x{height} ({pixels} pikseli), ponad limit {max} pikseli.',
  'editSize.upscaleWidth': 'Powiększony obraz miałby {width} px szerokości, ponad limit szerokości {max} px.',
  'editSize.upscaleHeight': 'Powiększony obraz miałby {height} px wysokości, ponad limit wysokości {max} px.',
  'editSize.upscalePixels': 'Powiększony obraz miałby {width}x{height} ({pixels} pikseli), ponad limit {max} pikseli.',
  'editSize.panWidth':
    'Po poszerzeniu {direction} obraz miałby {width} px szerokości, ponad limit szerokości {max} px.',
  'editSize.panHeight':
    'Po poszerzeniu {direction} obraz miałby {height} px wysokości, ponad limit wysokości {max} px.',
  'editSize.panPixels':
    'Po poszerzeniu {direction} obraz miałby {width}x{height} ({pixels} pikseli), ponad limit {max} pikseli.',
  'editSize.dir.left': 'w lewo',
  'editSize.dir.right': 'w prawo',
  'editSize.dir.up': 'w górę',
  'editSize.dir.down': 'w dół',
  'request.promptTooLong': 'Prompt ma {chars} znaków; maksimum to {max}. Skróć go i spróbuj ponownie.',
  'request.prompt': 'Prompt musi być tekstem.',
  'request.width': 'Szerokość musi być całkowitą liczbą pikseli.',
  'request.height': 'Wysokość musi być całkowitą liczbą pikseli.',
  'request.steps': 'Liczba kroków musi być liczbą całkowitą, co najmniej 1.',
  'request.count': 'Poproś o co najmniej jeden obraz.',
  'request.seed': 'Ziarno musi być liczbą całkowitą od 0 do {max}.',
  'request.guidanceScale': 'Wierność musi mieścić się w przedziale od 0 do {max}.',
  'request.strength': 'Siła musi być większa od 0 i wynosić najwyżej 1 (jak daleko odejść od twojego obrazu).',
  'request.scheduler': 'Scheduler musi być jednym z: {choices}.',
  'remix.title': 'Remiks: zmień prompt',
  'remix.unknownForm': 'Bot nie rozumie już tego formularza.',
  'remix.emptyPrompt': 'Prompt jest pusty: opisz obraz, który chcesz.',
  'limits.value.unlimited': 'bez limitu',
  'limits.value.none': 'brak',
  'limits.value.modelOwn': 'domyślny modelu',
  'limits.value.botModel': 'domyślny bota',
  'limitValue.guildOnlyRole': '{key} można ustawić tylko dla całego serwera, nie dla roli.',
  'limitValue.guildOnlyUser': '{key} można ustawić tylko dla całego serwera, nie dla użytkownika.',
  'limitValue.model':
    '{key} przyjmuje nazwę zainstalowanego modelu (/imagine model: je podpowiada) albo "default" dla domyślnego bota.',
  'limitValue.scheduler': '{key} przyjmuje scheduler: jeden z {choices} albo "default" dla domyślnego modelu.',
  'limitValue.switch': '{key} to przełącznik: użyj yes lub no.',
  'limitValue.secondsUnlimited': '{key} podaje się w sekundach: użyj 0, aby nie było odstępu.',
  'limitValue.wholeSeconds': '{key} przyjmuje całkowitą liczbę sekund (0 oznacza brak).',
  'limitValue.whole': '{key} przyjmuje liczbę całkowitą ({label}) albo "unlimited".',
  'limitValue.maxCooldown': '{key} może wynosić najwyżej {max} sekund (7 dni).',
  'limitValue.maxQuota': '{key} może wynosić najwyżej {max}; albo użyj "unlimited".',
  'limitValue.atLeastOne': '{key} musi wynosić co najmniej 1.',
  'limitValue.ceiling': '{key} może wynosić najwyżej {max}: taki pułap ustawił właściciel bota w konfiguracji.',
  'limitValue.multiple8': '{key} musi być wielokrotnością 8 (modele pracują w blokach po 8 pikseli), np. {example}.',
  'limitValue.noSuchKey': 'Nie ma limitu o nazwie „{key}”. Limity to: {keys}.',
  'ban.endsBeforeStart': 'Blokada skończyłaby się, zanim się zacznie: podaj czas w przyszłości.',
  'blocklistEntry.backreference':
    'Odwołania wsteczne (jak \\1) nie są obsługiwane: silnik dopasowań (RE2) gwarantuje czas proporcjonalny do długości promptu, a odwołania wsteczne to uniemożliwiają. Wypisz zamiast tego warianty.',
  'blocklistEntry.lookaround':
    'Lookahead i lookbehind ((?=…), (?!…), (?<=…), (?<!…)) nie są obsługiwane: silnik dopasowań (RE2) gwarantuje czas proporcjonalny do długości promptu, a lookaround to uniemożliwia. Użyj \\b dla granic słów albo dodaj osobny wpis.',
  'blocklistEntry.invalid': 'To nie jest wyrażenie regularne, które akceptuje silnik dopasowań (RE2): {error}',
  'blocklistEntry.tooBig':
    'To wyrażenie regularne jest za duże: daje {size} kroków, a wpis może mieć najwyżej {max}, żeby sprawdzanie promptu było szybkie. Liczone powtórzenia się mnożą ({repeat} to 30 kroków): skróć je albo podziel na kilka wpisów.',
  'blocklistEntry.empty': 'Wpis jest pusty: podaj słowo, frazę albo /wyrażenie regularne/.',
  'blocklistEntry.tooLong': 'Wpis jest za długi (najwyżej {max} znaków).',
  'blocklistEntry.flags': 'Po zamykającym / dozwolone są tylko flagi i, u oraz s, nie „{flags}”.',
  'blocklistEntry.noWords': 'Wpis nie ma liter ani cyfr; użyj /regex/, aby blokować symbole.',
  'blocklistEntry.guildTooBig':
    'Wpisy /regex/ tego serwera dałyby razem {size} kroków, a limit to {max}, żeby sprawdzanie promptu było szybkie. Usuń niepotrzebny już regex (`/czarna-lista lista`) albo użyj zwykłych słów, które nie obciążają tego limitu.',
  'blocklistEntry.unusable': '„{input}” nie może być wpisem czarnej listy.',
  'blocklistEntry.matchesEmpty':
    '„{input}” pasuje do pustego promptu, więc blokowałby każde żądanie. Niech pasuje do konkretnego słowa lub frazy.',
  'blocklistEntry.matchesAll':
    '„{input}” pasuje niemal do wszystkiego (na przykład „{example}”), więc blokowałby zwykłe prompty. Zawęź go.',
};

export const pl: Catalog<MessageKey> = { lang: 'pl', messages, commands };
